/**
 * harden password: strength and breach lookup for one password at a hidden prompt, or many
 * from --stdin / --password-file. A password never comes from argv or the environment.
 */
import type { CheckProgress } from "../breach/result.js";
import { summarizeVerdicts } from "../core/passwordVerdict.js";
import { UsageError } from "../errors.js";
import type { CommandResult } from "../output/results.js";
import { checkSecretLength, readSecretFile, readStdinLines, refuseUnsafeSecretSources, type SecretLine } from "../secrets/lines.js";
import type { Context } from "./context.js";
import { contextWords, prepareChecks, withScoringThread } from "./passwordOptions.js";
import { t } from "../i18n/index.js";

export interface PasswordOptions {
  stdin?: boolean;
  passwordFile?: string;
  ntlm?: boolean;
  offline?: string;
  rangeUrl?: string;
  concurrency?: string;
  timeout?: string;
  decoys?: string;
  breach: boolean;
  strength: boolean;
  minScore?: string;
  contextWord?: string[];
  /** Anything typed after `harden password`: always refused, it would be a password in argv. */
  extraArgs: string[];
  /** --password VALUE was given: refused. */
  passwordFlag?: boolean;
}

/** How a password may be given, for the messages that refuse another way. */
export const safeWays = () => t("errors:password.safeWays");

async function gatherPasswords(ctx: Context, options: PasswordOptions, askSecret?: (message: string) => Promise<string>): Promise<{ lines: SecretLine[]; interactive: boolean }> {
  if (options.stdin && options.passwordFile !== undefined) throw new UsageError(t("errors:password.stdinOrFile"));
  if (options.stdin) return { lines: await readStdinLines(), interactive: false };
  if (options.passwordFile !== undefined) return { lines: await readSecretFile(options.passwordFile), interactive: false };
  if (!ctx.canPrompt || !askSecret) {
    throw new UsageError(t("errors:password.noTerminal", { ways: safeWays() }));
  }
  const value = await askSecret(t("cli:password.prompt"));
  if (value === "") throw new UsageError(t("errors:password.noneTyped"));
  checkSecretLength(value, "typed at the prompt");
  return { lines: [{ line: 1, value }], interactive: true };
}

export async function passwordCommand(
  ctx: Context,
  options: PasswordOptions,
  deps: { version: string; askSecret?: (message: string) => Promise<string>; onProgress?: (p: CheckProgress) => void },
): Promise<CommandResult> {
  refuseUnsafeSecretSources(ctx.env, { onCommandLine: options.extraArgs.length > 0 || options.passwordFlag === true, what: "password", safeWays: safeWays() });
  const { minScore, mode, source, breachModules } = prepareChecks(ctx, options, deps.version);
  // The dictionaries load on the scoring thread while the person types.
  return withScoringThread(options.strength, async (scorer) => {
    const { lines, interactive } = await gatherPasswords(ctx, options, deps.askSecret);
    if (lines.length === 0) throw new UsageError(t("errors:password.emptyInput"));

    const [{ checkPasswords }, { openBreachChecker }] = await Promise.all([import("../passwords/checkPasswords.js"), breachModules]);
    const opened = source ? await openBreachChecker(source) : undefined;
    try {
      const verdicts = await checkPasswords(
        lines.map((l) => l.value),
        {
          breach: opened && { checker: opened.checker, mode },
          scorer,
          contextWords: contextWords(ctx, options.contextWord),
          onProgress: lines.length > 1 ? deps.onProgress : undefined,
        },
      );
      return {
        kind: "password",
        interactive,
        minScore,
        where: opened?.where,
        offline: opened?.offline,
        ...(opened?.decoys ? { decoys: opened.decoys } : {}),
        results: verdicts.map((v, i) => ({ line: lines[i]!.line, ...v })),
        summary: summarizeVerdicts(verdicts, minScore),
      };
    } finally {
      await opened?.checker.close();
    }
  });
}
