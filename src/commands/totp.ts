/**
 * harden totp: a practice drill with a throwaway secret, and tools to compute and check codes
 * for a real set-up. A real secret comes only from a hidden prompt, --stdin or --secret-file.
 */
import { checkCode, codeAt, otpauthUri, practiceParams, secondsLeft } from "../totp/codes.js";
import type { VerifyOutcome } from "../totp/drift.js";
import { parseTotpInput, type TotpOverrides, type TotpParams } from "../totp/params.js";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import { ltr } from "../output/locale.js";
import { wrap } from "../output/wrap.js";
import type { CommandResult } from "../output/results.js";
import type { Style } from "../output/style.js";
import { checkSecretLength, readSecretFile, readStdinLines, refuseUnsafeSecretSources, type SecretLine } from "../secrets/lines.js";
import type { Context } from "./context.js";

/** A paragraph of the catalogue indented under its heading, as the drill's screens are. */
const indent = (text: string) => text.replace(/^/gm, "  ");

export interface TotpUI {
  say(text: string): void;
  askSecret(message: string): Promise<string>;
  askText(message: string, validate?: (value: string) => true | string): Promise<string>;
  /** Shows a drawing exactly as it is (say() fits text to the screen's width). */
  showDrawing?(text: string): void;
}

export interface SecretSourceOptions extends TotpOverrides {
  stdin?: boolean;
  secretFile?: string;
  extraArgs: string[];
}

/** How a secret may be given, for the messages that refuse another way. */
const safeWays = () => t("errors:totp.safeWays");

async function readSecretInput(ctx: Context, options: SecretSourceOptions, ui: TotpUI | undefined, needCode: boolean): Promise<{ params: TotpParams; code?: string }> {
  refuseUnsafeSecretSources(ctx.env, { onCommandLine: options.extraArgs.length > 0, what: "secret", safeWays: safeWays() });
  if (options.stdin && options.secretFile !== undefined) throw new UsageError(t("errors:totp.stdinOrFile"));
  let lines: SecretLine[] | undefined;
  if (options.stdin) lines = await readStdinLines();
  else if (options.secretFile !== undefined) lines = await readSecretFile(options.secretFile);
  if (lines) {
    if (lines.length === 0) throw new UsageError(t("errors:totp.emptyInput"));
    return { params: parseTotpInput(lines[0]!.value, options), code: lines[1]?.value };
  }
  if (!ctx.canPrompt || !ui) throw new UsageError(t("errors:totp.noTerminal", { ways: safeWays() }));
  const typed = await ui.askSecret(t("cli:totp.secretPrompt"));
  checkSecretLength(typed, "typed at the prompt");
  const params = parseTotpInput(typed, options);
  return { params, code: needCode ? await ui.askText(t("cli:totp.codePrompt", { count: params.digits })) : undefined };
}

function parseTime(value: string | undefined, now: Date): number {
  if (value === undefined) return Math.floor(now.getTime() / 1000);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(t("errors:totp.time", { value }));
  return n;
}

export async function totpCodeCommand(ctx: Context, options: SecretSourceOptions & { time?: string }, ui?: TotpUI): Promise<CommandResult> {
  const time = parseTime(options.time, ctx.now());
  const { params } = await readSecretInput(ctx, options, ui, false);
  return { kind: "totp-code", code: codeAt(params, time), time, validFor: secondsLeft(params, time), digits: params.digits, period: params.period, algorithm: params.algorithm };
}

export async function totpVerifyCommand(ctx: Context, options: SecretSourceOptions & { code?: string; time?: string }, ui?: TotpUI): Promise<CommandResult> {
  const time = parseTime(options.time, ctx.now());
  const read = await readSecretInput(ctx, options, ui, options.code === undefined);
  const code = options.code ?? read.code;
  if (code === undefined) throw new UsageError(t("errors:totp.giveCode"));
  return { kind: "totp-verify", ...checkCode(read.params, code, time), time };
}

/** The practice drill: a throwaway secret, shown as a QR code; the person types what their app shows. */
export async function totpPracticeCommand(ctx: Context, deps: { ui?: TotpUI; style: Style; color: boolean }): Promise<CommandResult> {
  const { ui, style } = deps;
  if (!ctx.canPrompt || !ui) throw new UsageError(t("errors:totp.practiceNeedsTerminal"));
  const params = practiceParams();
  const uri = otpauthUri(params);
  const { qrText } = await import("../totp/qr.js");
  ui.say(`${style.bold(t("password:totp.practice.title"))}\n${wrap(t("password:totp.practice.intro"), 90, "  ")}\n`);
  (ui.showDrawing ?? ui.say)(qrText(uri, { color: deps.color }));
  ui.say(
    `${wrap(t("password:totp.practice.key"), 90, "  ")}\n    ${style.bold(ltr(params.secret.match(/.{1,4}/g)!.join(" ")))}\n${wrap(t("password:totp.practice.address", { uri: ltr(uri) }), 90, "  ")}\n`,
  );
  let outcome: VerifyOutcome = { match: false };
  let tries = 0;
  while (!outcome.match && tries < 3) {
    tries++;
    const code = await ui.askText(t("password:totp.practice.ask"), (v) => (/^\s*\d{3}\s?\d{3}\s*$/.test(v) ? true : t("password:totp.practice.sixDigits")));
    outcome = checkCode(params, code.replace(/\s/g, ""), Math.floor(ctx.now().getTime() / 1000));
    if (!outcome.match) {
      ui.say(style.yellow(`  ${t("password:totp.practice.noMatch", { account: "harden practice" })}`));
    }
  }
  return { kind: "totp-practice", ...outcome, tries };
}
