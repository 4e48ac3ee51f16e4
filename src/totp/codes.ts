/** Codes and checks for a TOTP set-up (RFC 6238), with clock drift in steps and seconds. */
import { createGuardrails, generateSecret, generateSync, generateURI, verifySync } from "otplib";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { VerifyOutcome } from "./drift.js";
import { MIN_SECRET_CHARS, type TotpParams } from "./params.js";

// otplib refuses keys under 16 bytes; harden accepts the 10-byte (80-bit) ones many services issue.
const GUARDRAILS = createGuardrails({ MIN_SECRET_BYTES: Math.floor((MIN_SECRET_CHARS * 5) / 8) });

export function codeAt(params: TotpParams, unixSeconds: number): string {
  return generateSync({ secret: params.secret, epoch: unixSeconds, digits: params.digits, period: params.period, algorithm: params.algorithm, guardrails: GUARDRAILS });
}

/** Seconds the code shown at `unixSeconds` stays valid. */
export const secondsLeft = (params: TotpParams, unixSeconds: number) => params.period - (Math.floor(unixSeconds) % params.period);

export function checkCode(params: TotpParams, code: string, unixSeconds: number, windowSteps = 1): VerifyOutcome {
  const token = code.replace(/\s/g, "");
  if (!/^\d+$/.test(token) || token.length !== params.digits) {
    throw new UsageError(t("password:totp.error.codeDigits", { digits: params.digits }));
  }
  const result = verifySync({
    secret: params.secret,
    token,
    epoch: unixSeconds,
    digits: params.digits,
    period: params.period,
    algorithm: params.algorithm,
    epochTolerance: windowSteps * params.period,
    guardrails: GUARDRAILS,
  });
  if (!result.valid) return { match: false };
  return { match: true, driftSteps: result.delta, driftSeconds: result.delta * params.period };
}

/** A throwaway practice set-up; never saved. */
export function practiceParams(): TotpParams {
  return { secret: generateSecret(), digits: 6, period: 30, algorithm: "sha1", issuer: "harden practice", label: "practice" };
}

export function otpauthUri(params: TotpParams): string {
  return generateURI({
    issuer: params.issuer ?? "harden",
    label: params.label ?? "practice",
    secret: params.secret,
    digits: params.digits,
    period: params.period,
    algorithm: params.algorithm,
  });
}
