/**
 * Builds the commander program and registers the commands. The one place that prints a
 * command's result and turns errors into exit codes. Commands load lazily so `--help` is fast.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { ExitCode, HardenError, InvalidInputError } from "./errors.js";
import type { Context } from "./commands/context.js";
import type { CommandResult } from "./output/results.js";
import { colorEnabled, makeStyle } from "./output/style.js";
import { sanitizeLine } from "./output/sanitize.js";
import type { StateStore } from "./state/store.js";
import type { Checklist } from "./core/checklist.js";

const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

const EXIT_CODES_HELP = `
Exit codes:
  0    ok
  1    findings (a password found in breaches or too weak)
  2    usage error or invalid input (bad flag, broken checklist or answers file)
  3    could not check (network or breach data unavailable) - never "safe"
  130  interrupted (Ctrl-C); everything answered so far is kept

Examples:
  harden                                  start the guided audit (in a terminal)
  harden audit facebook google            audit just these accounts
  harden audit --answers answers.yaml --json
                                          scripted run for clinics: no questions asked
  harden list --json                      the platforms and how many items each has
  harden checklist show whatsapp --format html > whatsapp.html
                                          a printable checklist
  harden checklist validate my-checklists/
  harden report --format md               your saved progress
  harden forget                           delete everything harden saved

Files: progress and settings are kept in your config folder, or in $HARDEN_HOME if set.
`;

interface GlobalOptions {
  json?: boolean;
  color: boolean;
  save: boolean;
  checklists?: string;
  debug?: boolean;
}

type OpenState = typeof import("./state/store.js").openState;

/** The state store of the running command, so its notices can be printed even on errors. */
let openedState: StateStore | undefined;

function makeContext(options: GlobalOptions, openState: OpenState): Context {
  let checklists: Promise<Checklist[]> | undefined;
  return {
    env: process.env,
    checklistsDir: options.checklists,
    save: options.save,
    json: options.json === true,
    canPrompt: process.stdin.isTTY === true && process.stdout.isTTY === true,
    now: () => new Date(),
    state: () => (openedState ??= openState({ save: options.save })),
    checklists: () => (checklists ??= import("./checklists/loader.js").then((m) => m.loadChecklists({ extraDir: options.checklists }))),
  };
}

async function print(result: CommandResult, options: GlobalOptions): Promise<void> {
  const { renderResult } = await import("./output/reporter.js");
  const style = makeStyle(colorEnabled(process.stdout, { color: options.color }));
  const rendered = renderResult(result, { json: options.json === true, style });
  flushNotices();
  process.stdout.write(rendered.stdout);
  for (const line of rendered.stderr) process.stderr.write(`${line}\n`);
  process.exitCode = rendered.exitCode;
}

function flushNotices(): void {
  for (const notice of openedState?.notices.splice(0) ?? []) process.stderr.write(`${sanitizeLine(notice)}\n`);
}

type Action = (ctx: Context, globals: GlobalOptions, ...args: unknown[]) => Promise<CommandResult>;

/** Wraps a command: gathers the global flags, runs it, prints its result. */
function action(run: Action) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const globals = command.optsWithGlobals<GlobalOptions>();
    const { openState } = await import("./state/store.js");
    const ctx = makeContext(globals, openState);
    const result = await run(ctx, globals, ...args.slice(0, -1));
    await print(result, globals);
  };
}

export function buildProgram(): Command {
  const program = new Command("harden")
    .description("Lock down your online accounts, one setting at a time.")
    .version(VERSION, "-V, --version", "print the version")
    .option("--json", "print data as JSON where a command supports it")
    .option("--no-color", "no colour (also when NO_COLOR is set or output is not a terminal)")
    .option("--no-save", "keep nothing on disk this run")
    .option("--checklists <dir>", "add your own checklists from this folder (same id replaces a built-in item)")
    .option("--debug", "show details of unexpected errors")
    .addHelpText("after", EXIT_CODES_HELP)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command("audit")
    .description("go through your accounts one setting at a time (asks questions in a terminal)")
    .argument("[platform...]", "platforms to audit (see harden list); asks when none are given")
    .option("--answers <file>", "answers for a scripted run: JSON or YAML mapping item ids to done, later or not-applicable (- for stdin)")
    .action(
      action(async (ctx, globals, platforms, options) => {
        const { auditCommand } = await import("./commands/audit.js");
        const style = makeStyle(colorEnabled(process.stderr, { color: globals.color }));
        const ui = ctx.canPrompt ? await import("./prompts/index.js") : undefined;
        return auditCommand(ctx, { platforms: platforms as string[], answers: (options as { answers?: string }).answers }, { ui, style, width: process.stderr.columns });
      }),
    );

  program
    .command("list")
    .description("the platforms harden has checklists for")
    .action(action(async (ctx) => (await import("./commands/list.js")).listCommand(ctx)));

  const checklist = program.command("checklist").description("show or check checklist files");
  checklist
    .command("show")
    .description("print one checklist (html and md are printable, with checkboxes)")
    .argument("<platform>", "a platform id from harden list")
    .addOption(new Option("--format <format>", "output format").choices(["text", "md", "html", "json"]).default("text"))
    .action(
      action(async (ctx, _g, platform, options) =>
        (await import("./commands/checklist.js")).checklistShowCommand(ctx, platform as string, options as { format?: string }),
      ),
    );
  checklist
    .command("validate")
    .description("check checklist files or folders; prints FILE:LINE: FIELD: problem for each problem")
    .argument("<path...>", "files or folders")
    .action(action(async (_ctx, _g, paths) => (await import("./commands/checklist.js")).checklistValidateCommand(paths as string[])));

  program
    .command("report")
    .description("your saved audit progress")
    .addOption(new Option("--format <format>", "output format").choices(["text", "md", "html", "json"]).default("text"))
    .action(action(async (ctx, _g, options) => (await import("./commands/report.js")).reportCommand(ctx, options as { format?: string })));

  program
    .command("forget")
    .description("delete every file harden saved (asks first; --yes without a terminal)")
    .option("-y, --yes", "do not ask for confirmation")
    .action(action(async (ctx, _g, options) => (await import("./commands/forget.js")).forgetCommand(ctx, { yes: (options as { yes?: boolean }).yes === true })));

  for (const sub of [...program.commands, ...checklist.commands]) sub.exitOverride().configureOutput({ outputError: (text, write) => write(text) });
  return program;
}

function exitCodeFor(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version "fail" with exit code 0; everything else commander rejects is bad usage.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof HardenError) {
    flushNotices();
    process.stderr.write(`${sanitizeLine(error.message)}\n`);
    if (error instanceof InvalidInputError) for (const problem of error.problems) process.stderr.write(`  ${sanitizeLine(problem)}\n`);
    return error.exitCode;
  }
  process.stderr.write(`harden stopped because of an unexpected error: ${sanitizeLine(error instanceof Error ? error.message : String(error))}\n`);
  process.stderr.write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : "Please report this, with what you were doing (never include a password). Run with --debug for details.\n");
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const args = argv.slice(2);
  if (args.length === 0) {
    if (process.stdin.isTTY === true && process.stdout.isTTY === true) args.push("audit");
    else {
      process.stderr.write(program.helpInformation() + EXIT_CODES_HELP);
      return ExitCode.usage;
    }
  }
  try {
    await program.parseAsync(args, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : ExitCode.ok;
  } catch (error) {
    return exitCodeFor(error, args.includes("--debug"));
  }
}

process.on("SIGINT", () => {
  process.stderr.write("\nStopped. Everything you answered so far is saved.\n");
  process.exit(ExitCode.interrupted);
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
