/**
 * Builds the commander program and registers the commands. The one place that prints a
 * command's result and turns errors into exit codes. Commands load lazily so `--help` is fast.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { CouldNotCheckError, ExitCode, HardenError, InterruptedError, InvalidInputError } from "./errors.js";
import type { Context } from "./commands/context.js";
import type { CommandResult } from "./output/results.js";
import { sanitizeLine } from "./output/sanitize.js";
import { currentLanguage, isLanguage, LANGUAGES, resolveLanguage, t, useLanguage } from "./i18n/index.js";
import { savedLanguage } from "./state/language.js";
import type { StateStore } from "./state/store.js";
import type { Checklist } from "./core/checklist.js";
import type { CheckProgress } from "./breach/result.js";
import type { VerifyProgress } from "./breach/verifyData.js";
import type { DownloadProgress } from "./breach/download.js";

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

const EXIT_CODES_HELP = `
Exit codes:
  0    ok
  1    findings (a password found in breaches or too weak; evidence changed since it was recorded)
  2    usage error or invalid input (bad flag, broken checklist or answers file)
  3    could not check (network or breach data unavailable) - never "safe"
  70   internal error in harden (please report it)
  130  interrupted (Ctrl-C); everything answered so far is kept

With --json, an error is one JSON object on stderr (stdout stays empty):
  {"error":{"code":"usage","exitCode":2,"message":"...","problems":["..."]}}
  code is one of usage, invalid-input, state-busy, could-not-check, interrupted, internal

Examples:
  harden                                  start the guided audit (in a terminal)
  harden audit facebook google            audit just these accounts
  harden plan                             a few questions, then your steps ranked
  harden audit --answers answers.yaml --json
                                          scripted run for clinics: no questions asked
  harden list --json                      the platforms and how many items each has
  harden checklist show whatsapp --format html > whatsapp.html
                                          a printable checklist
  harden checklist validate my-checklists/
  harden report --format md               your saved progress
  harden password                         check a password at a hidden prompt
  harden password --stdin --json < list   check many (clinics)
  harden scan export.csv                  check a password manager's export
  harden data verify pwnedpasswords.txt   check downloaded breach data in full, once
  harden data download ~/pwned            all breach data for offline checks (run again to resume)
  harden serve --offline ~/pwned --listen 0.0.0.0:8787
                                          the breach service for a room, from that data
  harden totp practice                    practise with an authenticator app
  harden evidence add shot.png --note "Message after the hearing" --copy
                                          record a screenshot and a note in the evidence log
  harden evidence seal                    a short code to write down; later, evidence verify --seal CODE
                                          proves nothing recorded before it was removed or changed
  harden evidence export --output evidence.html
                                          a printable report of the log, checked again
  harden workshop plan.yaml --handout --output session.html
                                          a trainer's printable session
  harden forget                           delete everything harden saved

Quick exit: press Ctrl-C at any question. The audit, plan and workshop run in the terminal's
alternate screen, so their text is gone from the screen and the scrollback at once (unless
--keep-screen). Every answer given so far is kept.

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

function makeContext(options: GlobalOptions, openState: OpenState | undefined): Context {
  let checklists: Promise<Checklist[]> | undefined;
  return {
    env: process.env,
    checklistsDir: options.checklists,
    save: options.save,
    json: options.json === true,
    lang: currentLanguage(),
    canPrompt: process.stdin.isTTY === true && process.stdout.isTTY === true,
    now: () => new Date(),
    state: () => {
      // Commands that keep nothing skip loading conf, which is most of a start-up's cost.
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
  const { fitToWidth, useScreenWidth } = await import("./output/wrap.js");
  fitScreen = fitToWidth;
  // Text for a person is fitted to the screen; JSON, Markdown and HTML are data, kept exactly.
  const prose = options.json !== true && !("format" in result && ["md", "html", "json"].includes(String(result.format)));
  useScreenWidth(!toFile && prose && process.stdout.isTTY === true ? process.stdout.columns : undefined);
  const rendered = renderResult(result, { json: options.json === true, style, discreet });
  flushNotices();
  if (toFile) {
    const { writePrivateFile } = await import("./output/writeFile.js");
    await writePrivateFile(output, rendered.stdout);
    process.stderr.write(`Wrote ${output}\n`);
  } else {
    process.stdout.write(prose && process.stdout.isTTY === true ? fitToWidth(rendered.stdout, process.stdout.columns) : rendered.stdout);
  }
  for (const line of rendered.stderr) process.stderr.write(`${stderrLine(line)}\n`);
  process.exitCode = rendered.exitCode;
}

function flushNotices(): void {
  for (const notice of openedState?.notices.splice(0) ?? []) process.stderr.write(`${stderrLine(sanitizeLine(notice))}\n`);
}

/** A message line for stderr: fitted to the terminal's width when stderr is one, kept as it is otherwise. */
function stderrLine(line: string): string {
  return process.stderr.isTTY === true && fitScreen ? fitScreen(line, process.stderr.columns) : line;
}
let fitScreen: ((text: string, columns: number | undefined) => string) | undefined;

/**
 * commander repeats an unknown option as it was typed, so a mistyped `--secret=VALUE` or
 * `-sVALUE` would put a secret on the screen and in logs: only the option's name is kept.
 */
function redactOptionValues(text: string): string {
  return text.replace(/unknown option '([^']*)'/g, (_all, flag: string) => `unknown option '${flag.startsWith("--") ? flag.split("=")[0] : flag.slice(0, 2)}'`);
}

/** Under --json, cli.ts writes commander's error as the one JSON object instead. */
const writeCommanderError = (text: string, write: (text: string) => void) => {
  if (!process.argv.includes("--json")) write(redactOptionValues(text));
};

type Action = (ctx: Context, globals: GlobalOptions, ...args: unknown[]) => Promise<CommandResult>;

/** Colours for what goes to stderr (questions, steps); loaded only by commands that talk. */
async function stderrStyle(globals: GlobalOptions) {
  const { colorEnabled, makeStyle } = await import("./output/style.js");
  const color = colorEnabled(process.stderr, { color: globals.color });
  return { style: await makeStyle(color), color };
}

/** A progress line on stderr when a person is watching and not reading JSON. */
async function progressFor<P extends CheckProgress = CheckProgress>(globals: GlobalOptions, label: string, describe?: (progress: P) => string) {
  if (globals.json || process.stderr.isTTY !== true) return undefined;
  const { progressLine } = await import("./output/progress.js");
  return progressLine<P>(process.stderr, label, describe);
}

/** Wraps a command: gathers the global flags, runs it, prints its result. */
function action(run: Action, options: { state?: boolean } = {}) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const globals = command.optsWithGlobals<GlobalOptions>();
    const openState = options.state === false ? undefined : (await import("./state/store.js")).openState;
    const ctx = makeContext(globals, openState);
    const result = await run(ctx, globals, ...args.slice(0, -1), command);
    await print(result, globals, command.opts<{ output?: string }>().output);
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
    .addOption(new Option("--lang <lang>", "the language to use (else harden config set lang, then LC_ALL, LC_MESSAGES, LANG)").choices([...LANGUAGES]))
    .addHelpText("after", EXIT_CODES_HELP)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: writeCommanderError });

  program
    .command("audit")
    .description("go through your accounts one setting at a time (asks questions in a terminal)")
    .argument("[platform...]", "platforms to audit (see harden list); asks when none are given")
    .option("--answers <file>", "answers for a scripted run: JSON or YAML mapping item ids to done, later or not-applicable (- for stdin)")
    .option("--since", "show what changed since your last audits, and when you last checked")
    .option("--keep-screen", "do not use the terminal's alternate screen (the audit stays in the scrollback)")
    .action(
      action(async (ctx, globals, platforms, options) => {
        const { auditCommand, changesCommand } = await import("./commands/audit.js");
        const opts = options as { since?: boolean; keepScreen?: boolean; answers?: string };
        if (opts.since) return changesCommand(ctx);
        if (ctx.canPrompt && opts.answers === undefined && !opts.keepScreen) await usePrivateScreen();
        const { style } = await stderrStyle(globals);
        const ui = ctx.canPrompt ? await import("./prompts/index.js") : undefined;
        return auditCommand(ctx, { platforms: platforms as string[], answers: (options as { answers?: string }).answers }, { ui, style, width: process.stderr.columns });
      }),
    );

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const withBreachOptions = (command: Command) =>
    command
      .option("--offline <path>", "check against downloaded breach data (a sorted HASH:COUNT file or a folder of XXXXX.txt range files); no network")
      .option("--range-url <url>", "range API address (default https://api.pwnedpasswords.com/range/; also HARDEN_RANGE_URL or `harden config set range-url`)")
      .option("--concurrency <n>", "most breach requests at once (default 16)")
      .option("--timeout <seconds>", "longest wait in seconds for one online breach lookup, retries included (default 60); past it the password counts as not checked")
      .option("--ntlm", "look up NTLM hashes instead of SHA-1")
      .option("--decoys <n>", t("data:cli.decoys"))
      .option("--no-breach", "skip the breach lookup")
      .option("--no-strength", "skip the strength score")
      .option("--min-score <n>", "scores below this (0-4) count as weak (default 3)")
      .option("--context-word <word>", "a word that makes a password guessable for you (your name, a pet); repeatable", collect);

  /** The flags withBreachOptions adds, typed for the commands. */
  const checkFlags = (opts: Record<string, unknown>) => ({
    ntlm: opts.ntlm === true,
    offline: opts.offline as string | undefined,
    rangeUrl: opts.rangeUrl as string | undefined,
    concurrency: opts.concurrency as string | undefined,
    timeout: opts.timeout as string | undefined,
    decoys: opts.decoys as string | undefined,
    breach: opts.breach !== false,
    strength: opts.strength !== false,
    minScore: opts.minScore as string | undefined,
    contextWord: opts.contextWord as string[] | undefined,
  });

  withBreachOptions(
    program
      .command("password")
      .description("check a password: strength, and whether it is in breach data (only 5 characters of its hash are sent)")
      .option("--stdin", "read passwords from stdin, one per line")
      .option("--password-file <file>", "read passwords from a file, one per line (- for stdin)")
      .addOption(new Option("--password <value>").hideHelp())
      .allowExcessArguments(true),
  ).action(
    action(async (ctx, globals, options, command) => {
      const { passwordCommand } = await import("./commands/password.js");
      const opts = options as Record<string, unknown>;
      const progress = await progressFor(globals, "Checking");
      try {
        return await passwordCommand(
          ctx,
          {
            stdin: opts.stdin === true,
            passwordFile: opts.passwordFile as string | undefined,
            ...checkFlags(opts),
            extraArgs: (command as Command).args,
            passwordFlag: opts.password !== undefined,
          },
          {
            version: VERSION,
            askSecret: ctx.canPrompt ? (await import("./prompts/index.js")).askSecret : undefined,
            onProgress: progress?.update,
          },
        );
      } finally {
        progress?.done();
      }
    }),
  );

  withBreachOptions(
    program
      .command("scan")
      .description("check every password in a password-manager export: breaches, strength, reuse")
      .argument("<file>", "the export (- for stdin): Bitwarden CSV/JSON, 1Password, Chrome/Edge, Firefox, KeePassXC, LastPass, Apple Passwords")
      .option("--format <name>", "the export's format when it cannot be told from its header")
      .option("--show-usernames", "show user names in full (masked by default)"),
  ).action(
    action(async (ctx, globals, file, options) => {
      const { scanCommand } = await import("./commands/scan.js");
      const opts = options as Record<string, unknown>;
      const progress = await progressFor(globals, "Scanning");
      try {
        return await scanCommand(
          ctx,
          file as string,
          {
            format: opts.format as string | undefined,
            showUsernames: opts.showUsernames === true,
            ...checkFlags(opts),
          },
          { version: VERSION, onProgress: progress?.update },
        );
      } finally {
        progress?.done();
      }
    }),
  );

  const data = program.command("data").description("download breach data for offline checks, and check it before trusting --offline lookups to it");
  data
    .command("verify")
    .description("read all of a sorted HASH:COUNT file or a folder of range files and check every line (exit 1 when damaged)")
    .argument("<path>", "the file or folder you give to --offline")
    .option("--ntlm", "the data must hold NTLM hashes (else the kind is read from the data)")
    .action(
      action(async (ctx, globals, path, options) => {
        const { dataVerifyCommand } = await import("./commands/data.js");
        const { formatSize } = await import("./files/regular.js");
        const progress = await progressFor<VerifyProgress>(globals, "Verifying", (p) =>
          p.unit === "files" ? `${p.done} of ${p.total} files` : `${formatSize(p.done)} of ${formatSize(p.total)}`,
        );
        try {
          return await dataVerifyCommand(ctx, path as string, { ntlm: (options as { ntlm?: boolean }).ntlm === true }, { onProgress: progress?.update });
        } finally {
          progress?.done();
        }
      }),
    );

  data
    .command("download")
    .description(t("data:cli.download"))
    .argument("<dir>", t("data:cli.downloadDir"))
    .option("--ntlm", t("data:cli.ntlm"))
    .option("--format <format>", t("data:cli.format"), "folder")
    .option("--concurrency <n>", t("data:cli.concurrency"))
    .option("--range-url <url>", t("data:cli.rangeUrl"))
    .option("--prefixes <from-to>", t("data:cli.prefixes"))
    .action(
      action(async (ctx, globals, dir, options) => {
        const { dataDownloadCommand } = await import("./commands/dataDownload.js");
        const view = await import("./output/downloadView.js");
        const rate = view.downloadRate();
        let onProgress: ((p: DownloadProgress) => void) | undefined;
        let clearProgress: (() => void) | undefined;
        if (globals.json) {
          // One JSON line a second for scripts, on stderr: stdout holds the result alone.
          let last = 0;
          onProgress = (p) => {
            const r = rate(p);
            if (p.done !== p.total && p.elapsedMs - last < 1000) return;
            last = p.elapsedMs;
            process.stderr.write(JSON.stringify(view.downloadProgressJson(p, r)) + "\n");
          };
        } else {
          const progress = await progressFor<DownloadProgress>(globals, t("data:download.label"), (p) => view.downloadProgressText(p, rate(p)));
          onProgress = progress?.update;
          clearProgress = progress?.done;
        }
        const warn = (line: string) => process.stderr.write(`${stderrLine(line)}\n`);
        try {
          return await dataDownloadCommand(ctx, dir as string, options as Record<string, string | undefined> & { ntlm?: boolean }, { version: VERSION, onProgress, warn });
        } finally {
          clearProgress?.();
        }
      }, { state: false }),
    );

  program
    .command("serve")
    .description(t("data:cli.serve"))
    .requiredOption("--offline <path>", t("data:cli.offline"))
    .option("--listen <address>", t("data:cli.listen"), "127.0.0.1:8787")
    .option("--log-prefixes", t("data:cli.logPrefixes"))
    .action(
      action(async (ctx, globals, options) => {
        const { serveCommand } = await import("./commands/serve.js");
        const view = await import("./output/downloadView.js");
        const { style, color } = await stderrStyle(globals);
        const stop = new AbortController();
        // Stopping is how a server ends: Ctrl-C or SIGTERM closes it and prints what it answered.
        process.removeAllListeners("SIGINT");
        process.once("SIGINT", () => stop.abort("SIGINT"));
        process.once("SIGTERM", () => stop.abort("SIGTERM"));
        const say = (text: string) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
        return serveCommand(ctx, options as { offline?: string; listen?: string; logPrefixes?: boolean }, {
          signal: stop.signal,
          onListening: async (info) => {
            const qr = info.localOnly ? undefined : (await import("./totp/qr.js")).qrText;
            say(view.serveBanner(info, style, qr && ((text) => qr(text, { color }))));
          },
          onRequest: (line) => say(view.serveRequestText(line)),
          onCounts: (counts) => say(view.serveCountsText(counts)),
        });
      }, { state: false }),
    );

  const totp = program.command("totp").description("two-factor codes: a practice drill, and tools to check an authenticator set-up");
  totp
    .command("practice")
    .description("practise adding a (throwaway) account to your authenticator app and typing its code")
    .action(
      action(async (ctx, globals) => {
        const { totpPracticeCommand } = await import("./commands/totp.js");
        const { style, color } = await stderrStyle(globals);
        const ui = ctx.canPrompt ? await import("./prompts/index.js") : undefined;
        return totpPracticeCommand(ctx, { ui, style, color });
      }),
    );
  const withSecretOptions = (command: Command) =>
    command
      .option("--stdin", "read the secret (base32 or otpauth:// address) from the first line of stdin")
      .option("--secret-file <file>", "read the secret from the first line of a file (- for stdin)")
      .addOption(new Option("--digits <n>", "code length").choices(["6", "8"]))
      .option("--period <seconds>", "seconds each code lasts (default 30)")
      .addOption(new Option("--algorithm <name>", "hash algorithm").choices(["sha1", "sha256", "sha512"]))
      .option("--time <unix-seconds>", "compute for this moment instead of now")
      .allowExcessArguments(true);
  const secretFlags = (opts: Record<string, unknown>, command: Command) => ({
    stdin: opts.stdin === true,
    secretFile: opts.secretFile as string | undefined,
    digits: opts.digits as string | undefined,
    period: opts.period as string | undefined,
    algorithm: opts.algorithm as string | undefined,
    time: opts.time as string | undefined,
    extraArgs: command.args,
  });
  withSecretOptions(totp.command("code").description("print the current code for a secret (never given as an argument)")).action(
    action(async (ctx, _g, options, command) => {
      const { totpCodeCommand } = await import("./commands/totp.js");
      const ui = ctx.canPrompt ? await import("./prompts/index.js") : undefined;
      return totpCodeCommand(ctx, secretFlags(options as Record<string, unknown>, command as Command), ui);
    }),
  );
  withSecretOptions(totp.command("verify").description("check a code against a secret, and how far the clocks differ"))
    .option("--code <code>", "the code to check (else asked for, or the line after the secret)")
    .action(
      action(async (ctx, _g, options, command) => {
        const { totpVerifyCommand } = await import("./commands/totp.js");
        const ui = ctx.canPrompt ? await import("./prompts/index.js") : undefined;
        const opts = options as Record<string, unknown>;
        return totpVerifyCommand(ctx, { ...secretFlags(opts, command as Command), code: opts.code as string | undefined }, ui);
      }),
    );

  program
    .command("workshop")
    .description("run a trainer's workshop plan step by step, or print its handout")
    .argument("<plan>", "a workshop plan file (YAML): title, platforms, drills, checklists")
    .option("--handout", "print the whole session's material instead of running it")
    .option("--keep-screen", "do not use the terminal's alternate screen")
    .addOption(new Option("--format <format>", "handout format").choices(["text", "md", "html", "json"]).default("html"))
    .option("--paper <size>", "paper size for html: a4 (default) or letter")
    .option("--output <file>", "write the handout to this file (created readable only by you)")
    .action(
      action(async (ctx, globals, file, options) => {
        const { workshopCommand } = await import("./commands/workshop.js");
        const { style, color } = await stderrStyle(globals);
        const ui = ctx.canPrompt ? await import("./prompts/index.js") : undefined;
        const opts = options as { handout?: boolean; format?: string; paper?: string; keepScreen?: boolean };
        if (ui && !opts.handout && !opts.keepScreen) await usePrivateScreen();
        return workshopCommand(ctx, file as string, opts, { ui, style, color, width: process.stderr.columns, version: VERSION });
      }),
    );

  const config = program.command("config").description("settings: range-url, offline, profile-words");
  config
    .command("get")
    .argument("[name]", "a setting name")
    .description("show settings")
    .action(action(async (ctx, _g, name) => (await import("./commands/config.js")).configCommand(ctx, "get", name as string | undefined)));
  config
    .command("set")
    .argument("<name>", "range-url, offline or profile-words")
    .argument("<value>", "the value (profile-words: comma-separated)")
    .description("save a setting")
    .action(action(async (ctx, _g, name, value) => (await import("./commands/config.js")).configCommand(ctx, "set", name as string, value as string)));
  config
    .command("unset")
    .argument("<name>", "a setting name")
    .description("remove a setting")
    .action(action(async (ctx, _g, name) => (await import("./commands/config.js")).configCommand(ctx, "unset", name as string)));

  program
    .command("plan")
    .description("a few questions (each skippable), then your steps ranked: the ones that matter most first")
    .argument("[platform...]", "accounts to plan for (asked when none are given)")
    .option("--answers <file>", "for clinics: a JSON or YAML file with intake: (question -> yes/no/unsure) and platforms:")
    .option("--keep-screen", "do not use the terminal's alternate screen")
    .addHelpText("after", () => planHelp)
    .action(
      action(async (ctx, globals, platforms, options) => {
        const { planCommand } = await import("./commands/plan.js");
        const ui = ctx.canPrompt ? await import("./prompts/index.js") : undefined;
        if (ui && (options as { answers?: string }).answers === undefined && !(options as { keepScreen?: boolean }).keepScreen) await usePrivateScreen();
        return planCommand(ctx, { platforms: platforms as string[], answers: (options as { answers?: string }).answers }, { ui, style: (await stderrStyle(globals)).style });
      }),
    );

  program
    .command("list")
    .description("the platforms harden has checklists for")
    .action(action(async (ctx) => (await import("./commands/list.js")).listCommand(ctx), { state: false }));

  const checklist = program.command("checklist").description("show or check checklist files");
  checklist
    .command("show")
    .description("print checklists (html and md are printable handouts, with checkboxes)")
    .argument("[platform...]", "platform ids from harden list")
    .option("--all", "every checklist, one after another")
    .addOption(new Option("--format <format>", "output format").choices(["text", "md", "html", "json"]).default("text"))
    .option("--paper <size>", "paper size for html: a4 (default) or letter")
    .option("--output <file>", "write to this file (created readable only by you) instead of stdout")
    .action(
      action(
        async (ctx, _g, platforms, options) =>
          (await import("./commands/checklist.js")).checklistShowCommand(ctx, platforms as string[], options as { format?: string; all?: boolean; paper?: string }),
        { state: false },
      ),
    );
  checklist
    .command("validate")
    .description("check checklist files or folders; prints FILE:LINE: FIELD: problem for each problem")
    .argument("<path...>", "files or folders")
    .option("--english", "also check reading grades and English help pages (always done for the built-in checklists)")
    .action(
      action(async (_ctx, _g, paths, options) => (await import("./commands/checklist.js")).checklistValidateCommand(paths as string[], options as { english?: boolean }), {
        state: false,
      }),
    );

  program
    .command("report")
    .description("your saved audit progress (never holds passwords or secrets)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "md", "html", "json"]).default("text"))
    .option("--paper <size>", "paper size for html: a4 (default) or letter")
    .option("--output <file>", "write to this file (created readable only by you) instead of stdout")
    .option("--changes", "what changed between your last two audits, and when you last checked")
    .action(
      action(async (ctx, _g, options) =>
        (options as { changes?: boolean }).changes
          ? (await import("./commands/audit.js")).changesCommand(ctx, (options as { format: "text" | "md" | "html" | "json" }).format, (options as { paper?: string }).paper)
          : (await import("./commands/report.js")).reportCommand(ctx, options as { format?: string; paper?: string }),
      ),
    );

  const evidence = program.command("evidence").description("a tamper-evident log of screenshots, files and notes, to show a platform or the police");
  evidence
    .command("add")
    .description("record files (SHA-256, size, path) and a note; entries are never changed or removed")
    .argument("[file...]", "screenshots, exports or other files")
    .option("--note <text>", "what happened, in your own words")
    .option("--copy", "also keep a private copy of each file in harden's folder, named by its SHA-256")
    .action(
      action(
        async (ctx, _g, files, options) =>
          (await import("./commands/evidence.js")).evidenceAddCommand(ctx, files as string[], options as { note?: string; copy?: boolean }),
        { state: false },
      ),
    );
  evidence
    .command("list")
    .description("show what was recorded")
    .action(action(async (ctx) => (await import("./commands/evidence.js")).evidenceListCommand(ctx), { state: false }));
  evidence
    .command("verify")
    .description("check every entry and file again (exit 1 when anything changed)")
    .option("--seal <code>", "also prove nothing recorded before this seal (from harden evidence seal) was removed or changed")
    .addHelpText(
      "after",
      `
With --seal, entries added after the seal are listed as "added after the seal". The seal cannot
vouch for them: an entry forged and added after the seal is still only "added after the seal".
`,
    )
    .action(action(async (ctx, _g, options) => (await import("./commands/evidence.js")).evidenceVerifyCommand(ctx, options as { seal?: string }), { state: false }));
  evidence
    .command("seal")
    .description("a short code that pins the log as it is now, to write down or send to someone you trust (writes nothing)")
    .addHelpText(
      "after",
      `
The code looks like H1-7-2026-12-02T10:15Z-BA33-Q7P4-KD65-ZPEX-P: the number of entries, the time
(UTC), 16 characters of a hash of the log's last entry, and a check character that catches a typo.
Later, harden evidence verify --seal CODE proves nothing recorded before the seal was removed or
changed. It cannot vouch for entries added after the seal.
`,
    )
    .action(action(async (ctx) => (await import("./commands/evidence.js")).evidenceSealCommand(ctx), { state: false }));
  evidence
    .command("export")
    .description("a dated report to print or send: every entry, its files' SHA-256, and the chain head")
    .addOption(new Option("--format <format>", "report format").choices(["html", "md", "json"]).default("html"))
    .option("--output <file>", "write to this file (created readable only by you) instead of stdout")
    .action(action(async (ctx, _g, options) => (await import("./commands/evidence.js")).evidenceExportCommand(ctx, options as { format?: string }), { state: false }));

  program
    .command("forget")
    .description("delete every file harden saved (asks first; --yes without a terminal)")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--include-evidence", "also delete the evidence log (asked separately at a terminal)")
    .action(
      action(async (ctx, _g, options) => {
        const opts = options as { yes?: boolean; includeEvidence?: boolean };
        return (await import("./commands/forget.js")).forgetCommand(ctx, { yes: opts.yes === true, includeEvidence: opts.includeEvidence === true });
      }),
    );

  // Help lists commands in this order: the person's own audit first, tools next, housekeeping last.
  const order = ["audit", "plan", "report", "list", "checklist", "password", "scan", "data", "serve", "totp", "evidence", "workshop", "config", "forget"];
  (program.commands as Command[]).sort((a, b) => order.indexOf(a.name()) - order.indexOf(b.name()));
  for (const sub of [...program.commands, ...checklist.commands, ...config.commands, ...totp.commands, ...evidence.commands, ...data.commands]) sub.exitOverride().configureOutput({ outputError: writeCommanderError });
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
    return { code: "usage", exitCode: ExitCode.usage, message: sanitizeLine(redactOptionValues(error.message).replace(/^error: /, "")), problems: [] };
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
  const message = `harden stopped because of an unexpected error: ${sanitizeLine(error instanceof Error ? error.message : String(error))}`;
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
  // commander has printed its own message already.
  if (error instanceof CommanderError) return report.exitCode;
  flushNotices();
  process.stderr.write(`${report.message}\n`);
  for (const problem of report.problems) process.stderr.write(`  ${problem}\n`);
  if (report.code === "internal") {
    process.stderr.write(flags.debug && error instanceof Error && error.stack ? `${error.stack}\n` : "Please report this, with what you were doing (never include a password). Run with --debug for details.\n");
  }
  return report.exitCode;
}

/** The answers-file part of `plan --help`, read from the intake rules only when that help is asked for. */
let planHelp = "";

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
  const program = buildProgram();
  if (args.includes("plan") && ["--help", "-h", "help"].some((a) => args.includes(a))) {
    planHelp = await (await import("./commands/plan.js")).planAnswersHelp(Math.min(process.stdout.columns || 80, 100));
  }
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
  if (!privateScreen?.leavePrivateScreen()) process.stderr.write("\nStopped. Everything you answered so far is saved.\n");
  process.exit(ExitCode.interrupted);
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
