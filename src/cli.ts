/**
 * Builds the commander program and registers the commands. The one place that prints a
 * command's result and turns errors into exit codes. Commands load lazily so `--help` is fast.
 */
import { fstatSync, readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { CouldNotCheckError, ExitCode, HardenError, InterruptedError, InvalidInputError, onStopSay, stoppedMessage } from "./errors.js";
import type { Context } from "./commands/context.js";
import type { CommandResult } from "./output/results.js";
import { json } from "./output/rendered.js";
import { sanitizeLine } from "./output/sanitize.js";
import { noticesAsJson, say, stderrIsJson } from "./output/stderr.js";
import { fitToWidth, useScreenWidth, wrap } from "./output/wrap.js";
import { currentLanguage, isLanguage, LANGUAGES, resolveLanguage, t, useLanguage } from "./i18n/index.js";
import { savedLanguage } from "./state/language.js";
import type { StateStore } from "./state/store.js";
import type { Checklist } from "./core/checklist.js";
import { commanderMessage, localizeCommands } from "./commands/commanderWords.js";
import type { CommandKit, GlobalOptions, Run } from "./commands/kit.js";
import { defineAudit } from "./commands/audit.define.js";
import { defineChecklist } from "./commands/checklist.define.js";
import { defineConfig } from "./commands/config.define.js";
import { defineData } from "./commands/data.define.js";
import { defineEvidence } from "./commands/evidence.define.js";
import { defineForget } from "./commands/forget.define.js";
import { defineList } from "./commands/list.define.js";
import { definePassword } from "./commands/password.define.js";
import { definePlan } from "./commands/plan.define.js";
import { definePhone } from "./commands/phone.define.js";
import { defineServe } from "./commands/serve.define.js";
import { defineReport } from "./commands/report.define.js";
import { defineScan } from "./commands/scan.define.js";
import { defineTotp } from "./commands/totp.define.js";
import { defineWorkshop } from "./commands/workshop.define.js";

/** harden's version, from package.json: one level up from dist/, two from the single-file build in dist/bundle/. */
const VERSION = ((): string => {
  for (const up of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { name?: string; version: string };
      if (pkg.name === "harden") return pkg.version;
    } catch {
      // Not at this level.
    }
  }
  return "unknown";
})();

/** The examples at the end of `harden --help`: a command line, and the key of what it does (cli:examples.KEY). */
const EXAMPLES = [
  ["harden", "start"],
  ["harden audit facebook google", "auditSome"],
  ["harden plan", "plan"],
  ["harden audit --answers answers.yaml --json", "scripted"],
  ["harden list --json", "list"],
  ["harden checklist show whatsapp --format html > whatsapp.html", "printable"],
  ["harden checklist validate my-checklists/", undefined],
  ["harden report --format md", "report"],
  ["harden password", "password"],
  ["harden password --stdin --json < list", "passwords"],
  ["harden scan export.csv", "scan"],
  ["harden data verify pwnedpasswords.txt", "data"],
  ["harden data download ~/pwned", "dataDownload"],
  ["harden serve --offline ~/pwned --listen 0.0.0.0:8787", "serve"],
  ["harden totp practice", "totp"],
  ["harden evidence add shot.png --note NOTE --copy", "evidenceAdd"],
  ["harden evidence seal", "evidenceSeal"],
  ["harden evidence export --output evidence.html", "evidenceExport"],
  ["harden workshop plan.yaml --handout --output session.html", "workshop"],
  ["harden forget", "forget"],
] as const;

/**
 * The exit codes, the JSON error, examples and where files are kept: the end of `harden --help`,
 * wrapped to the terminal (at most 100 columns) by the one wrapping function, in any language.
 */
function exitCodesHelp(): string {
  const columns = Math.max(40, Math.min(process.stdout.columns || 80, 100));
  // Examples in two columns where there is room; on a narrow screen the words go under the command.
  const column = columns >= 80 ? 40 : 0;
  const flat = (text: string) => text.replace(/\s*\n\s*/g, " ");
  // A command longer than the screen is cut at a space outside quotes with a POSIX shell's line
  // continuation (" \"), so it still runs as pasted (inside quotes the break would become spaces).
  const command = (term: string) => {
    const lines: string[] = [];
    let rest = `  ${term}`;
    while (rest.length > columns) {
      let cut = -1;
      let quoted = false;
      for (let i = rest.search(/\S/); i < rest.length && i <= columns - 2; i++) {
        if (rest[i] === '"') quoted = !quoted;
        else if (rest[i] === " " && !quoted) cut = i;
      }
      if (cut <= rest.search(/\S/)) break;
      lines.push(`${rest.slice(0, cut)} \\`);
      rest = `      ${rest.slice(cut + 1)}`;
    }
    return [...lines, rest].join("\n");
  };
  const line = (term: string, description: string) =>
    column && term.length < column ? wrap(flat(description), columns, `  ${term.padEnd(column)}`, " ".repeat(column + 2)) : `${command(term)}\n${wrap(flat(description), columns, "      ")}`;
  const code = (n: number, key: string) => wrap(flat(t(`cli:exitCodes.${key}`)), columns, `  ${String(n).padEnd(5)}`, "       ");
  const para = (text: string, indent = "") => wrap(flat(text), columns, indent);
  return [
    "",
    t("cli:exitCodes.title"),
    code(0, "ok"),
    code(1, "findings"),
    code(2, "usage"),
    code(3, "couldNotCheck"),
    code(70, "internal"),
    code(130, "interrupted"),
    "",
    para(t("cli:exitCodes.json")),
    // Still JSON when cut between its members (whitespace may go between JSON tokens).
    ...(columns >= 76 ? ['  {"error":{"code":"usage","exitCode":2,"message":"...","problems":["..."]}}'] : ['  {"error":{"code":"usage","exitCode":2,', '   "message":"...","problems":["..."]}}']),
    para(t("cli:exitCodes.jsonCodes", { codes: "usage, invalid-input, state-busy, could-not-check, interrupted, internal" }), "  "),
    "",
    t("cli:examples.title"),
    ...EXAMPLES.map(([term, key]) => {
      // The example note is words a person would type, so it is in the language too.
      const words = term.replace("NOTE", JSON.stringify(t("cli:examples.evidenceNote")));
      return key ? line(words, t(`cli:examples.${key}`)) : command(words);
    }),
    "",
    para(t("cli:exitCodes.quickExit")),
    "",
    para(t("cli:exitCodes.files")),
    "",
  ].join("\n");
}

type OpenState = typeof import("./state/store.js").openState;

/** The state store of the running command, so its notices can be printed even on errors. */
let openedState: StateStore | undefined;

/**
 * Whether stdin and stdout are a terminal a person answers at. A descriptor that is no character
 * device cannot be a terminal: then process.stdin is not made (a stream, and for a pipe the net
 * module behind it, several milliseconds of a script's run that reads no prompt).
 */
function atTerminal(): boolean {
  const characterDevice = (fd: number) => {
    try {
      return fstatSync(fd).isCharacterDevice();
    } catch {
      return false;
    }
  };
  return characterDevice(0) && characterDevice(1) && process.stdin.isTTY === true && process.stdout.isTTY === true;
}

function makeContext(options: GlobalOptions, openState: OpenState | undefined): Context {
  let checklists: Promise<Checklist[]> | undefined;
  return {
    env: process.env,
    checklistsDir: options.checklists,
    save: options.save,
    json: options.json === true,
    lang: currentLanguage(),
    canPrompt: atTerminal(),
    now: () => new Date(),
    state: () => {
      // Commands that keep nothing never load the state store (src/state/store.ts) at all.
      if (!openState) throw new Error("this command was registered without saved state");
      return (openedState ??= openState({ save: options.save }));
    },
    checklists: () => (checklists ??= import("./checklists/catalog.js").then((m) => m.loadChecklists({ extraDirs: [options.checklists], lang: currentLanguage() }))),
  };
}

async function print(result: CommandResult, options: GlobalOptions, output: string | undefined): Promise<void> {
  const { renderResult } = await import("./output/reporter.js");
  const toFile = output !== undefined && output !== "-";
  const { colorEnabled, makeStyle } = await import("./output/style.js");
  const style = await makeStyle(!toFile && colorEnabled(process.stdout, { color: options.color }));
  const discreet = privateScreen?.leavePrivateScreen() === true;
  // Text for a person is fitted to the screen; JSON, Markdown and HTML are data, kept exactly.
  const prose = options.json !== true && !("format" in result && ["md", "html", "json"].includes(String(result.format))) && !("report" in result && result.report !== undefined);
  useScreenWidth(!toFile && prose && process.stdout.isTTY === true ? process.stdout.columns : undefined);
  const rendered = await renderResult(result, { json: options.json === true, style, discreet });
  flushNotices();
  if (toFile) {
    const { writePrivateFile } = await import("./output/writeFile.js");
    await writePrivateFile(output, rendered.stdout);
    say(t("cli:wrote", { file: output }));
  } else {
    process.stdout.write(prose && process.stdout.isTTY === true ? fitToWidth(rendered.stdout, process.stdout.columns) : rendered.stdout);
  }
  for (const line of rendered.stderr) say(line);
  process.exitCode = rendered.exitCode;
}

function flushNotices(): void {
  for (const notice of openedState?.notices.splice(0) ?? []) say(sanitizeLine(notice));
}

/** A command's run as commander's action: gathers the global flags, runs it, prints its result. */
function action<A extends unknown[]>(run: Run<A>, options: { state?: boolean } = {}) {
  return async (...args: unknown[]) => {
    // commander calls an action with the declared arguments, the command's flags, then the Command.
    const command = args.at(-1) as Command;
    const globals = command.optsWithGlobals<GlobalOptions>();
    noticesAsJson(globals.json === true);
    const openState = options.state === false ? undefined : (await import("./state/store.js")).openState;
    const ctx = makeContext(globals, openState);
    const result = await run(ctx, globals, ...(args as A));
    await print(result, globals, command.opts<{ output?: string }>().output);
  };
}

const kit: CommandKit = {
  version: VERSION,
  action,
  async stderrStyle(globals) {
    const { colorEnabled, makeStyle } = await import("./output/style.js");
    const color = colorEnabled(process.stderr, { color: globals.color });
    return { style: await makeStyle(color), color };
  },
  async progressFor(globals, label, describe) {
    if (globals.json || process.stderr.isTTY !== true) return undefined;
    const { progressLine } = await import("./output/progress.js");
    return progressLine(process.stderr, label, describe);
  },
  usePrivateScreen,
  say,
  onStopSay,
};

/** Every command, by name, in the order help lists them: the person's own audit first, tools next, housekeeping last. */
export const COMMANDS = [
  ["audit", defineAudit],
  ["plan", definePlan],
  ["report", defineReport],
  ["list", defineList],
  ["checklist", defineChecklist],
  ["password", definePassword],
  ["scan", defineScan],
  ["data", defineData],
  ["serve", defineServe],
  ["totp", defineTotp],
  ["evidence", defineEvidence],
  ["phone", definePhone],
  ["workshop", defineWorkshop],
  ["config", defineConfig],
  ["forget", defineForget],
] as const;

/**
 * The program. `only`: the command this run names, when it is one of harden's: then the others
 * are not defined at all (nothing of theirs is shown or parsed, and defining all fifteen, with
 * their flags' help in the language, is most of a short command's own start-up).
 */
export function buildProgram(only?: string): Command {
  const program = new Command("harden")
    .description(t("cli:program.description"))
    .version(VERSION, "-V, --version", t("cli:program.version"))
    .option("--json", t("cli:program.json"))
    .option("--no-color", t("cli:program.noColor"))
    .option("--no-save", t("cli:program.noSave"))
    .option("--checklists <dir>", t("cli:program.checklists"))
    .option("--debug", t("cli:program.debug"))
    .addOption(new Option("--lang <lang>", t("cli:program.lang")).choices([...LANGUAGES]))
    .addHelpText("after", exitCodesHelp)
    .showSuggestionAfterError();
  const named = COMMANDS.some(([name]) => name === only);
  for (const [name, define] of COMMANDS) if (!named || name === only) program.addCommand(define(kit, () => planHelp));
  // cli.ts words commander's errors itself (exitCodeFor), in the language and without secrets.
  localizeCommands(program, (command) => command.exitOverride().configureOutput({ outputError: () => {} }).showSuggestionAfterError());
  return program;
}

/** Set once the prompts module is loaded, so errors and Ctrl-C can restore the screen. */
let privateScreen: { leavePrivateScreen(): boolean } | undefined;

/** Runs the rest of an interactive command in the alternate screen (see prompts/index.ts). */
async function usePrivateScreen(): Promise<void> {
  const prompts = await import("./prompts/index.js");
  privateScreen = prompts;
  prompts.enterPrivateScreen();
}

/** What went wrong, for a person (one line, then problems) or, under --json, for a program. */
interface ErrorReport {
  /** Stable for scripts: usage, invalid-input, state-busy, could-not-check, interrupted, internal. */
  code: string;
  exitCode: number;
  message: string;
  problems: string[];
}

async function reportFor(error: unknown): Promise<ErrorReport> {
  if (error instanceof CommanderError) {
    return { code: "usage", exitCode: ExitCode.usage, message: sanitizeLine(commanderMessage(error)), problems: [] };
  }
  if (error instanceof HardenError) {
    const { StateBusyError } = await import("./state/lock.js");
    const code =
      error instanceof StateBusyError
        ? "state-busy"
        : error instanceof InvalidInputError
          ? "invalid-input"
          : error instanceof CouldNotCheckError
            ? "could-not-check"
            : error instanceof InterruptedError
              ? "interrupted"
              : "usage";
    return { code, exitCode: error.exitCode, message: sanitizeLine(error.message), problems: error instanceof InvalidInputError ? error.problems.map(sanitizeLine) : [] };
  }
  const message = t("cli:internal.message", { detail: sanitizeLine(error instanceof Error ? error.message : String(error)) });
  return { code: "internal", exitCode: ExitCode.internal, message, problems: [] };
}

async function exitCodeFor(error: unknown, flags: { debug: boolean; json: boolean }): Promise<number> {
  // The quick exit: back to the normal screen with nothing of harden's left on it.
  if (privateScreen?.leavePrivateScreen() && error instanceof InterruptedError) return error.exitCode;
  // --help and --version "fail" with exit code 0; everything else commander rejects is bad usage.
  if (error instanceof CommanderError && error.exitCode === 0) return ExitCode.ok;
  const report = await reportFor(error);
  if (flags.json) {
    // One JSON object on stderr, so a script reads the error as it reads results.
    const { json } = await import("./output/reporter.js");
    const notices = openedState?.notices.splice(0).map(sanitizeLine) ?? [];
    const stack = flags.debug && report.code === "internal" && error instanceof Error ? { stack: error.stack } : {};
    process.stderr.write(json({ error: { ...report, ...(notices.length ? { notices } : {}), ...stack } }, 0));
    return report.exitCode;
  }
  if (error instanceof CommanderError) {
    // commander has printed the help of a command named without its subcommand; nothing to add.
    if (error.code !== "commander.help") process.stderr.write(`${t("cli:commander.error", { message: commanderMessage(error) })}\n`);
    return report.exitCode;
  }
  flushNotices();
  process.stderr.write(`${report.message}\n`);
  for (const problem of report.problems) process.stderr.write(`  ${problem}\n`);
  if (report.code === "internal") {
    process.stderr.write(flags.debug && error instanceof Error && error.stack ? `${error.stack}\n` : `${t("cli:internal.report")}\n`);
  }
  return report.exitCode;
}

/** The answers-file part of `plan --help`, read from the intake rules only when that help is asked for. */
let planHelp = "";

/**
 * What the arguments ask for first, past global flags and their values: a command (by the word
 * given), help or the version (a flag before any word), or nothing (global flags alone).
 */
function firstRequest(args: string[]): { command: string } | "help-or-version" | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (["--help", "-h", "--version", "-V"].includes(arg)) return "help-or-version";
    if (arg === "--lang" || arg === "--checklists") i++; // their value
    else if (!arg.startsWith("-")) return { command: arg };
  }
  return undefined;
}

/** --lang's value, read before the program is built so that its help is in that language too. */
function langFlag(args: string[]): string | undefined {
  const at = args.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (at < 0) return undefined;
  return args[at]!.includes("=") ? args[at]!.slice("--lang=".length) : args[at + 1];
}

export async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  const flag = langFlag(args);
  useLanguage(resolveLanguage({ flag, setting: isLanguage(flag) ? undefined : savedLanguage(process.env), env: process.env }));
  if (args.includes("plan") && ["--help", "-h", "help"].some((a) => args.includes(a))) {
    planHelp = await (await import("./commands/plan.js")).planAnswersHelp(Math.min(process.stdout.columns || 80, 100));
  }
  // Only global flags (`harden --lang ar`) is no command at all: at a terminal, the audit.
  let first = firstRequest(args);
  if (first === undefined) {
    if (!atTerminal()) {
      process.stderr.write(buildProgram().helpInformation() + exitCodesHelp());
      return ExitCode.usage;
    }
    args.push("audit");
    first = { command: "audit" };
  }
  const program = buildProgram(typeof first === "object" ? first.command : undefined);
  try {
    await program.parseAsync(args, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : ExitCode.ok;
  } catch (error) {
    return exitCodeFor(error, { debug: args.includes("--debug"), json: args.includes("--json") });
  }
}

/**
 * A reader that stops early (`harden checklist show --all | head -3`) closes the pipe. That is not
 * a fault: stop quietly, with the code the result already had (0, or 1 for findings). A closed
 * stderr is only ignored, so an error still ends with its own exit code.
 */
const closedPipe = (error: NodeJS.ErrnoException) => error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED";
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (!closedPipe(error)) throw error;
  process.exit(typeof process.exitCode === "number" ? process.exitCode : ExitCode.ok);
});
process.stderr.on("error", (error: NodeJS.ErrnoException) => {
  if (!closedPipe(error)) throw error;
});

process.on("SIGINT", () => {
  if (!privateScreen?.leavePrivateScreen()) {
    const message = stoppedMessage();
    // Under --json (the running command's), a program reads it as any error, with the notices not
    // yet printed; for a person, those notices and the message, on a line of their own after ^C.
    const notices = openedState?.notices.splice(0).map(sanitizeLine) ?? [];
    if (stderrIsJson()) process.stderr.write(json({ error: { code: "interrupted", exitCode: ExitCode.interrupted, message, problems: [], ...(notices.length ? { notices } : {}) } }, 0));
    else {
      process.stderr.write("\n");
      for (const line of [...notices, message]) say(line);
    }
  }
  process.exit(ExitCode.interrupted);
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
