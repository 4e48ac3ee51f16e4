import { describe, expect, it } from "vitest";
import { checkRangeUrl, isLocalHost } from "../../../src/commands/passwordOptions.js";
import { UsageError } from "../../../src/errors.js";

describe("plain http range addresses", () => {
  it("are local only for loopback, private and link-local ranges and localhost", () => {
    for (const host of ["127.0.0.1", "127.9.8.7", "10.0.0.5", "172.16.0.1", "172.31.255.255", "192.168.1.20", "169.254.10.20", "[::1]", "[fd12:3456::1]", "[fc00::1]", "localhost", "LOCALHOST"]) {
      expect(isLocalHost(host), host).toBe(true);
    }
    for (const host of ["example.com", "8.8.8.8", "172.15.0.1", "172.32.0.1", "192.169.0.1", "169.253.0.1", "169.255.0.1", "100.64.0.1", "11.0.0.1", "[2001:db8::1]", "[fe80::1]", "localhost.example.com", "127.0.0.1.nip.io"]) {
      expect(isLocalHost(host), host).toBe(false);
    }
  });

  it("warn once for a local server and refuse any other host; https passes without a word", () => {
    const warnings: string[] = [];
    expect(checkRangeUrl("http://127.0.0.1:8080/range/", (w) => warnings.push(w))).toBe("http://127.0.0.1:8080/range/");
    expect(warnings).toEqual([expect.stringMatching(/^Warning: .*127\.0\.0\.1:8080.*plain http/)]);
    expect(() => checkRangeUrl("http://api.pwnedpasswords.com/range/", () => {})).toThrow(UsageError);
    expect(() => checkRangeUrl("http://[2001:db8::1]/range/", () => {})).toThrow(/https:\/\//);
    const none: string[] = [];
    expect(checkRangeUrl("https://api.pwnedpasswords.com/range/", (w) => none.push(w))).toBe("https://api.pwnedpasswords.com/range/");
    expect(none).toEqual([]);
  });
});
