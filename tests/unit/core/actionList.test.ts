import { describe, expect, it } from "vitest";
import { actionOrder, nextSteps, preferredTwoFactor, type ActionInput } from "../../../src/core/actionList.js";
import { isWeak, lengthVerdict, minimumLength } from "../../../src/core/passwordVerdict.js";
import type { Site } from "../../../src/sites/site.js";

const site = (tfa: Site["tfa"], passwordless = false): Site => ({ domain: "example.com", name: "Example", tfa, ...(passwordless && { passkeys: { passwordless, mfa: false } }) });
const entry = (line: number, over: Partial<ActionInput> = {}): ActionInput => ({ line, hasPassword: true, breach: "not-found", weak: false, reuseGroup: null, totp: false, ...over });

describe("the next step of each entry", () => {
  it("puts breached first, then reused, weak, two-factor, passkeys, could-not-check; nothing-to-do is left out", () => {
    const entries = [
      entry(2, { site: site(["totp"]) }),
      entry(3, { site: site([], true) }),
      entry(4, { breach: "unknown", site: site([]) }),
      entry(5, { weak: true, tooShort: { minimum: 15 } }),
      entry(6, { reuseGroup: 1 }),
      entry(7, { breach: "found", reuseGroup: 1 }),
      entry(8, { site: site(["totp"]), totp: true }),
      entry(9, { hasPassword: false, breach: undefined }),
    ];
    const steps = nextSteps(entries);
    expect(steps.map((s) => s.code)).toEqual(["turn-on-two-factor", "add-passkey", "check-again", "change-weak", "change-reused", "change-breached", "none", "none"]);
    expect(actionOrder(steps).map((i) => entries[i]!.line)).toEqual([7, 6, 5, 2, 3, 4]);
    expect(steps[5]).toEqual({ code: "change-breached", alsoAt: [6] });
    expect(steps[4]).toEqual({ code: "change-reused", alsoAt: [7] });
    expect(steps[3]).toEqual({ code: "change-weak", minimum: 15 });
  });

  it("does not ask to turn on two-factor where the export carries a one-time-code field", () => {
    const [withCode, without] = nextSteps([entry(2, { site: site(["totp", "u2f"]), totp: true }), entry(3, { site: site(["totp", "u2f"]) })]);
    expect(withCode!.code).toBe("none");
    expect(without).toEqual({ code: "turn-on-two-factor", prefer: "security-key" });
  });

  it("keeps the two-factor step of a password that could not be checked, and says it was not checked", () => {
    expect(nextSteps([entry(2, { breach: "unknown", site: site(["sms"]) })])[0]).toEqual({ code: "turn-on-two-factor", prefer: "sms", unchecked: true });
  });

  it("prefers a security key, then an authenticator app, the site's own app, email, and texts last", () => {
    expect(preferredTwoFactor(["sms", "totp", "u2f"])).toBe("security-key");
    expect(preferredTwoFactor(["sms", "call", "totp"])).toBe("authenticator-app");
    expect(preferredTwoFactor(["sms", "custom-software"])).toBe("site-app");
    expect(preferredTwoFactor(["sms", "email"])).toBe("email");
    expect(preferredTwoFactor(["sms", "call"])).toBe("sms");
    expect(preferredTwoFactor([])).toBeUndefined();
    // A passkey as the second step beats texts, calls and email (WhatsApp), not an app or a key.
    expect(preferredTwoFactor(["sms", "call", "email"], true)).toBe("passkey");
    expect(preferredTwoFactor(["sms", "totp"], true)).toBe("authenticator-app");
    expect(preferredTwoFactor(undefined, true)).toBe("passkey");
    expect(preferredTwoFactor(undefined)).toBeUndefined();
  });
});

describe("length, not composition (NIST SP 800-63B-4)", () => {
  it("needs 15 characters for a password used alone and 8 with a second factor, counted in code points", () => {
    expect(minimumLength(false)).toBe(15);
    expect(minimumLength(true)).toBe(8);
    expect(lengthVerdict("a".repeat(14), false)).toEqual({ minimum: 15 });
    expect(lengthVerdict("a".repeat(15), false)).toBeUndefined();
    expect(lengthVerdict("a".repeat(14), true)).toBeUndefined();
    expect(lengthVerdict("a".repeat(7), true)).toEqual({ minimum: 8 });
    // 15 emoji are 30 UTF-16 units but 15 characters; 14 are too few.
    expect(lengthVerdict("🔑".repeat(14), false)).toEqual({ minimum: 15 });
    expect(lengthVerdict("🔑".repeat(15), false)).toBeUndefined();
  });

  it("makes a short password weak whatever its score, even with strength scoring off", () => {
    const strong = { score: 4 as const, guessesLog10: 14, crackTimeOffline: "centuries", crackTimeOnline: "centuries", warning: null, suggestions: [], truncated: false };
    expect(isWeak({ strength: strong }, 3)).toBe(false);
    expect(isWeak({ strength: strong, tooShort: { minimum: 15 } }, 3)).toBe(true);
    expect(isWeak({ tooShort: { minimum: 15 } }, 3)).toBe(true);
  });
});
