/** Clock drift of a matched code, in words a person can act on. No otplib here: the reporter loads it. */
import { t } from "../i18n/index.js";

export interface VerifyOutcome {
  match: boolean;
  /** Steps between the code's time and ours: negative when the phone is behind. */
  driftSteps?: number;
  driftSeconds?: number;
}

/** Plain words for a drift: "on time", "about 30 seconds behind". */
export function driftWords(outcome: VerifyOutcome): string {
  if (!outcome.match || !outcome.driftSeconds) return t("password:totp.onTime");
  const count = Math.abs(outcome.driftSeconds);
  return t(outcome.driftSeconds < 0 ? "password:totp.behind" : "password:totp.ahead", { count, n: count });
}

