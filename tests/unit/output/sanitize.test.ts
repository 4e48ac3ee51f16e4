import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitize, sanitizeLine } from "../../../src/output/sanitize.js";

describe("sanitize", () => {
  it("removes escape sequences and control characters but keeps text and newlines", () => {
    expect(sanitize("a\u001b[31mred\u001b[0m b\u0007 c\u001b]0;title\u0007d\ne")).toBe("ared b cd\ne");
    expect(sanitize("x\u202eevil")).toBe("xevil");
    expect(sanitizeLine("one\ntwo\tthree")).toBe("one two three");
  });

  it("never lets ESC or other C0/C1 controls through", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(sanitize(text)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }),
    );
  });
});
