/**
 * A scan as a list of things to do: for every entry its one next step, most urgent first.
 * Order: passwords found in breaches (change them, everywhere they are reused), then reused ones,
 * then weak or too short ones, then "turn on two-factor here" where the site offers it and the
 * export shows it is not on, then "a passkey can replace this password", then passwords that could
 * not be checked for breaches and need nothing else. A step for a password that could not be
 * checked says so (`unchecked`): not proof is never "safe". Pure: no I/O, no words (the views say
 * each step in the person's language).
 */
import type { Site, TwoFactorMethod } from "../sites/site.js";

/** Stable codes for --json; never translated. */
export const NEXT_STEPS = ["change-breached", "change-reused", "change-weak", "turn-on-two-factor", "add-passkey", "check-again", "none"] as const;
export type NextStepCode = (typeof NEXT_STEPS)[number];

/**
 * What to turn on, best first: a security key or an authenticator app, then a passkey as the
 * second step, resist SIM swaps; the site's own app next; codes by email or text last.
 */
export type TwoFactorChoice = "security-key" | "authenticator-app" | "passkey" | "site-app" | "email" | "sms";

export interface NextStep {
  code: NextStepCode;
  /** turn-on-two-factor: the best method the site offers. */
  prefer?: TwoFactorChoice;
  /** change-breached and change-reused: the lines of the other entries with the same password. */
  alsoAt?: number[];
  /** change-weak: the shortest length NIST SP 800-63B-4 allows here, when the password is shorter. */
  minimum?: number;
  /** The breach lookup gave no answer for this password (a step other than check-again says so too). */
  unchecked?: true;
}

export interface ActionInput {
  line: number;
  hasPassword: boolean;
  breach?: "found" | "not-found" | "unknown";
  weak: boolean;
  tooShort?: { minimum: number };
  reuseGroup: number | null;
  /** The export carries a one-time-code field for it: two-factor is on. */
  totp: boolean;
  site?: Site;
}

/**
 * The best second step a site offers, or undefined when neither directory lists one. `passkeyMfa`:
 * passkeys.directory says a passkey can be the second step (WhatsApp, for one, where 2fa.directory
 * lists only texts, calls and email).
 */
export function preferredTwoFactor(methods: readonly TwoFactorMethod[] | undefined, passkeyMfa = false): TwoFactorChoice | undefined {
  if (methods?.includes("u2f")) return "security-key";
  if (methods?.includes("totp")) return "authenticator-app";
  if (passkeyMfa) return "passkey";
  if (!methods || methods.length === 0) return undefined;
  if (methods.includes("custom-software") || methods.includes("custom-hardware")) return "site-app";
  if (methods.includes("email")) return "email";
  return "sms";
}

/** The next step of every entry, in the order of `entries`. */
export function nextSteps(entries: readonly ActionInput[]): NextStep[] {
  const groups = new Map<number, number[]>();
  for (const e of entries) if (e.reuseGroup !== null) (groups.get(e.reuseGroup) ?? groups.set(e.reuseGroup, []).get(e.reuseGroup)!).push(e.line);
  return entries.map((e) => {
    const alsoAt = e.reuseGroup === null ? [] : (groups.get(e.reuseGroup) ?? []).filter((line) => line !== e.line);
    if (e.hasPassword && e.breach === "found") return { code: "change-breached", ...(alsoAt.length && { alsoAt }) };
    if (e.hasPassword && alsoAt.length > 0) return { code: "change-reused", alsoAt };
    const unchecked = e.hasPassword && e.breach === "unknown" ? { unchecked: true as const } : {};
    if (e.hasPassword && e.weak) return { code: "change-weak", ...(e.tooShort && { minimum: e.tooShort.minimum }), ...unchecked };
    const prefer = preferredTwoFactor(e.site?.tfa, e.site?.passkeys?.mfa === true);
    if (!e.totp && prefer) return { code: "turn-on-two-factor", prefer, ...unchecked };
    if (e.hasPassword && e.site?.passkeys?.passwordless) return { code: "add-passkey", ...unchecked };
    if (e.hasPassword && e.breach === "unknown") return { code: "check-again" };
    return { code: "none" };
  });
}

const RANK = new Map(NEXT_STEPS.map((code, i) => [code, i]));

/** Indexes of `steps`, most urgent first; entries with nothing to do are left out. Stable within a step. */
export function actionOrder(steps: readonly NextStep[]): number[] {
  return steps
    .map((step, i) => ({ rank: RANK.get(step.code)!, i }))
    .filter(({ rank }) => rank < RANK.get("none")!)
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ i }) => i);
}
