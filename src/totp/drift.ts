/** Clock drift of a matched code, in words a person can act on. No otplib here: the reporter loads it. */
export interface VerifyOutcome {
  match: boolean;
  /** Steps between the code's time and ours: negative when the phone is behind. */
  driftSteps?: number;
  driftSeconds?: number;
}

/** Plain words for a drift: "on time", "about 30 seconds behind". */
export function driftWords(outcome: VerifyOutcome): string {
  if (!outcome.match || !outcome.driftSeconds) return "Your phone's clock is on time.";
  const s = Math.abs(outcome.driftSeconds);
  const side = outcome.driftSeconds < 0 ? "behind" : "ahead";
  return `Your phone's clock seems to be about ${s} seconds ${side === "behind" ? "behind" : "ahead of"} this computer's clock. That still works, but if it grows, turn on automatic date and time on your phone.`;
}

