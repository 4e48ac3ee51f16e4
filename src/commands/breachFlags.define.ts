/** The breach and strength flags `password` and `scan` share, defined once. */
import type { Command } from "commander";
import { t } from "../i18n/index.js";
import { collect } from "./kit.js";

/** The flags withBreachFlags adds, as commander parses them. */
export interface BreachCheckFlags {
  offline?: string;
  rangeUrl?: string;
  concurrency?: string;
  timeout?: string;
  ntlm?: boolean;
  decoys?: string;
  breach: boolean;
  strength: boolean;
  minScore?: string;
  contextWord?: string[];
}

export const withBreachFlags = (command: Command): Command =>
  command
    .option("--offline <path>", t("cli:breach.offline"))
    .option("--range-url <url>", t("cli:breach.rangeUrl"))
    .option("--concurrency <n>", t("cli:breach.concurrency"))
    .option("--timeout <seconds>", t("cli:breach.timeout"))
    .option("--ntlm", t("cli:breach.ntlm"))
    .option("--decoys <n>", t("data:cli.decoys"))
    .option("--no-breach", t("cli:breach.noBreach"))
    .option("--no-strength", t("cli:breach.noStrength"))
    .option("--min-score <n>", t("cli:breach.minScore"))
    .option("--context-word <word>", t("cli:breach.contextWord"), collect);

/** Only the flags of withBreachFlags, out of a command's parsed flags. */
export const breachCheckFlags = (flags: BreachCheckFlags): BreachCheckFlags => ({
  ntlm: flags.ntlm === true,
  offline: flags.offline,
  rangeUrl: flags.rangeUrl,
  concurrency: flags.concurrency,
  timeout: flags.timeout,
  decoys: flags.decoys,
  breach: flags.breach !== false,
  strength: flags.strength !== false,
  minScore: flags.minScore,
  contextWord: flags.contextWord,
});
