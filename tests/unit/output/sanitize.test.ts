import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitize, sanitizeLine } from "../../../src/output/sanitize.js";

describe("sanitize", () => {
  it("removes escape sequences and control characters but keeps text and newlines", () => {
    expect(sanitize("a\u001b[31mred\u001b[0m b\u0007 c\u001b]0;title\u0007d\ne")).toBe("ared b cd\ne");
    expect(sanitize("x\u202eevil")).toBe("xevil");
    expect(sanitizeLine("one\ntwo\tthree")).toBe("one two three");
  });

  it("removes every bidirectional control, marks included, but keeps Arabic and French letters", () => {
    // An RLM or ALM before a file name or a number can move it to the other end of the line.
    for (const control of ["\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(sanitize(`file${control}gnp.exe`)).toBe("filegnp.exe");
    }
    expect(sanitize("كلمة المرور — mot de passe éà")).toBe("كلمة المرور — mot de passe éà");
  });

  it("never lets ESC or other C0/C1 controls through", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(sanitize(text)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }),
    );
  });
});
