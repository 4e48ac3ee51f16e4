/**
 * commander's own words in the language: the headings and notes of every help screen, and its
 * errors, reworded from CommanderError.code (commander's English text is never shown).
 */
import type { Argument, Command, CommanderError, Help, Option } from "commander";
import { t } from "../i18n/index.js";
import { wrap } from "../output/wrap.js";

const HEADINGS: Record<string, string> = {
  "Usage:": "cli:help.usage",
  "Arguments:": "cli:help.arguments",
  "Options:": "cli:help.options",
  "Global Options:": "cli:help.globalOptions",
  "Commands:": "cli:help.commands",
};

/** "(choices: ..., default: ...)" after a flag's or argument's help, in the language. */
function withNotes(description: string, choices: readonly string[] | undefined, fallback: string | undefined): string {
  const list = choices?.map((c) => JSON.stringify(c)).join(", ");
  const note =
    list !== undefined && fallback !== undefined
      ? t("cli:help.choicesAndDefault", { choices: list, value: fallback })
      : list !== undefined
        ? t("cli:help.choices", { choices: list })
        : fallback !== undefined
          ? t("cli:help.default", { value: fallback })
          : "";
  return [description, note].filter(Boolean).join(" ");
}

const shownDefault = (value: unknown, description: string | undefined): string | undefined =>
  value === undefined || typeof value === "boolean" ? undefined : description || JSON.stringify(value);

/** "[options]" and "[command]" in a usage line or a command's term, in the language. */
const usageWords = (words: string) => words.replace("[options]", t("cli:help.optionsWord")).replace("[command]", t("cli:help.commandWord"));

/**
 * Overrides of commander's Help (configureHelp), for every command. Display width leaves out
 * the bidi isolates and Arabic vowel marks, which take no column.
 */
export const helpInTheLanguage: Partial<Help> = {
  styleTitle: (title: string) => (HEADINGS[title] ? t(HEADINGS[title]) : title),
  optionDescription: (option: Option) => withNotes(option.description, option.argChoices, option.required || option.optional ? shownDefault(option.defaultValue, option.defaultValueDescription) : undefined),
  argumentDescription: (argument: Argument) => withNotes(argument.description, argument.argChoices, shownDefault(argument.defaultValue, argument.defaultValueDescription)),
  commandUsage(this: Help, command: Command): string {
    const usage = usageWords(Object.getPrototypeOf(this).commandUsage.call(this, command) as string);
    // "Usage: " and the command on one line where they fit; on a narrow screen the rest goes under it.
    const after = this.displayWidth(this.styleTitle("Usage:")) + 1;
    const width = this.helpWidth ?? 80;
    if (after + this.displayWidth(usage) <= width) return usage;
    return wrap(usage, width, " ".repeat(after), "  ").slice(after);
  },
  subcommandTerm(this: Help, command: Command): string {
    return usageWords(Object.getPrototypeOf(this).subcommandTerm.call(this, command) as string);
  },
  /**
   * A term and its words side by side where there is room for 40 columns of words; on a narrower
   * screen (60 columns and a long term) the words go under the term, wrapped to the screen,
   * where commander would leave them unwrapped for the terminal to cut mid-word.
   */
  formatItem(this: Help, term: string, termWidth: number, description: string, helper: Help): string {
    const width = this.helpWidth ?? 80;
    const proto = Object.getPrototypeOf(this) as Help;
    if (!description || width - termWidth - 4 >= this.minWidthToWrap) return proto.formatItem.call(this, term, termWidth, description, helper);
    // The project's wrap, which wraps at any width (commander's boxWrap gives up under 40 columns).
    return `  ${term}\n${closeIsolatesAtLineEnds(wrap(description, width, "      "))}`;
  },
  boxWrap(this: Help, text: string, width: number): string {
    return closeIsolatesAtLineEnds(Object.getPrototypeOf(this).boxWrap.call(this, text, width) as string);
  },
  displayWidth: (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "").replace(/[\u2066-\u2069\u200e\u200f\u064b-\u065f\u0670]/g, "").length,
};

/**
 * A bidi isolate (U+2066 ... U+2069) that wrapping cut in two is closed at the end of its first
 * line and opened again at the start of the next, since a terminal applies bidi line by line.
 */
export function closeIsolatesAtLineEnds(text: string): string {
  let open = false;
  return text
    .split("\n")
    .map((line) => {
      const started = open ? `\u2066${line}` : line;
      const last = Math.max(started.lastIndexOf("\u2066"), started.lastIndexOf("\u2069"));
      open = last >= 0 && started[last] === "\u2066";
      return open ? `${started}\u2069` : started;
    })
    .join("\n");
}

/** The help flag, help command and version flag worded in the language, on a command and all below it. */
export function localizeCommands(command: Command, apply: (command: Command) => void): void {
  command.helpOption("-h, --help", t("cli:help.helpOption"));
  if (command.commands.length > 0) command.helpCommand("help [command]", t("cli:help.helpCommand"));
  command.configureHelp(helpInTheLanguage);
  apply(command);
  for (const sub of command.commands) localizeCommands(sub, apply);
}

/**
 * commander repeats an unknown option as it was typed, so a mistyped `--secret=VALUE` or
 * `-sVALUE` would put a secret on the screen and in logs: only the option's name is kept.
 */
export const redactOption = (flag: string): string => (flag.startsWith("--") ? flag.split("=")[0]! : flag.slice(0, 2));

/** commander's "(Did you mean X?)" line, in the language. */
function suggestion(message: string): string | undefined {
  const match = /\(Did you mean (one of )?(.*)\?\)\s*$/.exec(message);
  if (!match) return undefined;
  return match[1] ? t("cli:commander.didYouMeanOneOf", { names: match[2] }) : t("cli:commander.didYouMean", { name: match[2] });
}

/**
 * What commander rejected, in the language: the message (without "error: ") and, when commander
 * has a near miss to offer, a "did you mean" line. An error commander words in a way not known
 * here keeps its text, with a secret-looking option value cut off.
 */
export function commanderMessage(error: CommanderError): string {
  const text = error.message.replace(/^error: /, "").replace(/\n?\(Did you mean .*\?\)\s*$/s, "");
  const quoted = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  let message: string | undefined;
  switch (error.code) {
    case "commander.unknownOption":
      message = t("cli:commander.unknownOption", { option: redactOption(quoted[0] ?? "") });
      break;
    case "commander.unknownCommand":
      message = t("cli:commander.unknownCommand", { command: quoted[0] ?? "" });
      break;
    case "commander.missingArgument":
      message = t("cli:commander.missingArgument", { name: quoted[0] ?? "" });
      break;
    case "commander.optionMissingArgument":
      message = t("cli:commander.optionMissingArgument", { option: quoted[0] ?? "" });
      break;
    case "commander.invalidArgument": {
      const option = /^option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/s.exec(text);
      const argument = /^command-argument value '(.*)' is invalid for argument '(.*)'\. Allowed choices are (.*)\.$/s.exec(text);
      if (option) message = t("cli:commander.invalidOptionValue", { option: option[1], value: option[2], choices: option[3] });
      else if (argument) message = t("cli:commander.invalidArgumentValue", { value: argument[1], name: argument[2], choices: argument[3] });
      break;
    }
    case "commander.excessArguments": {
      const counts = /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(text);
      if (counts) {
        const numbers = { count: Number(counts[2]), got: Number(counts[3]) };
        message = counts[1] === undefined ? t("cli:commander.excessArguments", numbers) : t("cli:commander.excessArgumentsFor", { ...numbers, command: counts[1] });
      }
      break;
    }
  }
  message ??= text.replace(/unknown option '([^']*)'/g, (_all, flag: string) => `unknown option '${redactOption(flag)}'`);
  const hint = suggestion(error.message);
  return hint ? `${message}\n${hint}` : message;
}
