import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCode, codeAt, otpauthUri, practiceParams } from "../../../src/totp/codes.js";
import { driftWords } from "../../../src/totp/drift.js";
import { parseTotpInput } from "../../../src/totp/params.js";
import { qrText } from "../../../src/totp/qr.js";
import { decodeQrText } from "../../helpers/qrDecode.js";

// RFC 6238 Appendix B: the ASCII seeds "1234567890…" of 20, 32 and 64 bytes, in base32.
const SEEDS = {
  sha1: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
  sha256: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA",
  sha512: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA",
} as const;
const VECTORS: Array<[number, string, string, string]> = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP codes", () => {
  it.each(VECTORS)("matches RFC 6238 at T=%i for SHA-1, SHA-256 and SHA-512", (time, sha1, sha256, sha512) => {
    for (const [algorithm, expected] of [["sha1", sha1], ["sha256", sha256], ["sha512", sha512]] as const) {
      const params = parseTotpInput(SEEDS[algorithm], { digits: "8", algorithm });
      expect(codeAt(params, time)).toBe(expected);
      expect(checkCode(params, expected, time)).toEqual({ match: true, driftSteps: 0, driftSeconds: 0 });
    }
  });

  it("honours digits, period and algorithm inside an otpauth URI", () => {
    const uri = `otpauth://totp/ACME:alice?secret=${SEEDS.sha256.toLowerCase()}&algorithm=SHA256&digits=8&period=30&issuer=ACME`;
    const params = parseTotpInput(uri);
    expect(params).toMatchObject({ digits: 8, period: 30, algorithm: "sha256", issuer: "ACME" });
    expect(codeAt(params, 59)).toBe("46119246");
    expect(parseTotpInput(uri, { digits: "6" }).digits).toBe(6);
  });

  it("reports drift one step either side, and no match beyond", () => {
    const params = parseTotpInput(SEEDS.sha1);
    const now = 1_700_000_000;
    expect(checkCode(params, codeAt(params, now - 30), now)).toEqual({ match: true, driftSteps: -1, driftSeconds: -30 });
    expect(checkCode(params, codeAt(params, now + 30), now)).toEqual({ match: true, driftSteps: 1, driftSeconds: 30 });
    expect(checkCode(params, codeAt(params, now + 90), now).match).toBe(false);
    expect(driftWords({ match: true, driftSeconds: -30 })).toContain("about 30 seconds behind");
    expect(driftWords({ match: true, driftSeconds: 30 })).toContain("30 seconds ahead of");
    expect(driftWords({ match: true, driftSeconds: 0 })).toContain("on time");
  });

  it("rejects bad secrets, URIs and codes with one clear line, never echoing the secret", () => {
    const bad: Array<[string, RegExp]> = [
      ["not base32 1890!", /not base32/],
      ["ABCDEFG", /too short/],
      ["otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQ", /type is not totp/],
      ["otpauth://totp/x?issuer=y", /no secret/],
      [`otpauth://totp/x?secret=${SEEDS.sha1}&secret=GEZDGNBVGY3TQOJQ`, /gives its secret field more than once/],
      [`otpauth://totp/x?secret=${SEEDS.sha1}&digits=6&digits=8`, /gives its digits field more than once/],
      [`otpauth://totp/x?secret=${SEEDS.sha1}&digits=7`, /digits field is not 6 or 8/],
      [`otpauth://totp/x?secret=${SEEDS.sha1}&algorithm=md5`, /algorithm field is not sha1, sha256 or sha512/],
    ];
    for (const [input, message] of bad) {
      expect(() => parseTotpInput(input)).toThrow(message);
      try {
        parseTotpInput(input);
      } catch (error) {
        expect((error as Error).message).not.toContain("GEZDGNBVGY3TQOJQ");
        expect((error as { exitCode: number }).exitCode).toBe(2);
      }
    }
    expect(() => checkCode(parseTotpInput(SEEDS.sha1), "12a456", 59)).toThrow(/6 digits/);
  });

  it("never throws anything but a usage error on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseTotpInput(text);
        } catch (error) {
          expect((error as { exitCode?: number }).exitCode).toBe(2);
        }
      }),
    );
  });

  it("an error never repeats six characters in a row of a junk line", () => {
    const check = (line: string, pieces: string[]) => {
      let message: string;
      try {
        parseTotpInput(line);
        return;
      } catch (error) {
        message = (error as Error).message.toLowerCase();
      }
      for (const piece of pieces)
        for (let i = 0; i + 6 <= piece.length; i++) expect(message).not.toContain(piece.slice(i, i + 6).toLowerCase());
    };
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (line) => check(line, [line.trim()])));
    // Lines shaped like otpauth addresses, with junk in every part; the junk must never come back.
    const junk = fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcxyz0189!%-_.~ "), minLength: 0, maxLength: 24 });
    const field = fc.tuple(fc.constantFrom("secret", "digits", "period", "algorithm", "issuer", ""), junk);
    fc.assert(
      fc.property(fc.constantFrom("totp", "hotp", ""), junk, junk, fc.array(field, { maxLength: 5 }), (type, host, label, fields) => {
        const query = fields.map(([name, value]) => (name ? `${name}=${value}` : value)).join("&");
        check(`otpauth://${type || host}/${label}?${query}`, [host, label, ...fields.map(([, value]) => value)]);
        check(`otpauth://totp/${label}?${query}&secret=${SEEDS.sha1}`, [label, ...fields.map(([, value]) => value)]);
      }),
    );
  });

  it("draws a QR code that fits 80 columns and decodes back to the same URI", () => {
    const uri = otpauthUri(practiceParams());
    for (const color of [true, false]) {
      const drawing = qrText(uri, { color });
      const widest = Math.max(...drawing.replace(/\u001b\[[0-9;]*m/g, "").split("\n").map((l) => [...l].length));
      expect(widest).toBeLessThanOrEqual(80);
      expect(decodeQrText(drawing)).toBe(uri);
    }
  });
});
