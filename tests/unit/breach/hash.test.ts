import { describe, expect, it } from "vitest";
import { hashModeOf, hashPassword, ntlmHex, sha1Hex, splitHash } from "../../../src/breach/hash.js";

describe("sha1Hex", () => {
  it.each([
    ["password", "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8"],
    ["", "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709"],
    ["abc", "A9993E364706816ABA3E25717850C26C9CD0D89D"],
  ])("hashes %j to the known vector", (password, expected) => {
    expect(sha1Hex(password)).toBe(expected);
  });

  it("hashes the UTF-8 bytes of non-ASCII text", () => {
    // "é" as UTF-8 is C3 A9; SHA-1 of those two bytes.
    expect(sha1Hex("é")).toBe(sha1Hex("\u00e9"));
    expect(sha1Hex("é")).not.toBe(sha1Hex("e\u0301"));
  });
});

describe("ntlmHex", () => {
  it.each([
    ["password", "8846F7EAEE8FB117AD06BDD830B7586C"],
    ["Password", "A4F49C406510BDCAB6824EE7C30FD852"],
    ["", "31D6CFE0D16AE931B73C59D7E0C089C0"],
  ])("hashes %j to the known vector", async (password, expected) => {
    expect(await ntlmHex(password)).toBe(expected);
  });
});

describe("hashPassword", () => {
  it("picks the hash by mode", async () => {
    expect(await hashPassword("password", "sha1")).toBe("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8");
    expect(await hashPassword("password", "ntlm")).toBe("8846F7EAEE8FB117AD06BDD830B7586C");
  });
});

describe("splitHash", () => {
  it("splits a SHA-1 hash into the 5-digit prefix and 35-digit suffix", () => {
    expect(splitHash("5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8")).toEqual({
      mode: "sha1",
      prefix: "5BAA6",
      suffix: "1E4C9B93F3F0682250B6CF8331B7EE68FD8",
    });
  });

  it("splits an NTLM hash into the 5-digit prefix and 27-digit suffix", () => {
    expect(splitHash("8846F7EAEE8FB117AD06BDD830B7586C")).toEqual({
      mode: "ntlm",
      prefix: "8846F",
      suffix: "7EAEE8FB117AD06BDD830B7586C",
    });
  });

  it("refuses anything else without echoing it", () => {
    for (const bad of ["hunter2", "5BAA6", "Z".repeat(40), `${"A".repeat(39)} `]) {
      expect(() => splitHash(bad)).toThrow(TypeError);
      try {
        splitHash(bad);
      } catch (error) {
        expect((error as Error).message).not.toContain(bad);
      }
    }
  });

  it("tells the mode from the length", () => {
    expect(hashModeOf("A".repeat(40))).toBe("sha1");
    expect(hashModeOf("a".repeat(32))).toBe("ntlm");
    expect(hashModeOf("A".repeat(35))).toBeUndefined();
  });
});
