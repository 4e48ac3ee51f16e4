/**
 * The only module that talks to @inquirer/prompts. Prompts and the text around them go to
 * stderr so stdout stays clean for data; Ctrl-C becomes an InterruptedError (exit 130).
 */
import { styleText } from "node:util";
import { createPrompt, isEnterKey, useEffect, useKeypress, usePrefix, useState } from "@inquirer/core";
import { checkbox, confirm, input, password, select } from "@inquirer/prompts";
import { InterruptedError } from "../errors.js";
import { t } from "../i18n/index.js";
import { say } from "../output/stderr.js";
import { fitToWidth, prepareTextWidth, textWidth, useScreenWidth, wrapQuestion } from "../output/wrap.js";

const context = { output: process.stderr, clearPromptOnDone: false };
useScreenWidth(process.stderr.isTTY === true ? process.stderr.columns : undefined);

async function ask<T>(run: () => Promise<T>): Promise<T> {
  // What the answer's result will be printed with loads while the person reads and types.
  const idle = setTimeout(prepareTextWidth, 20);
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError")) throw new InterruptedError();
    throw error;
  } finally {
    clearTimeout(idle);
  }
}

/** The screen's width now (it can change while harden runs). */
const columns = () => {
  useScreenWidth(process.stderr.columns);
  return process.stderr.columns;
};

/** Text for the person, fitted to the screen's width so no word is broken at its edge. */
export { say };

/** A drawing (a QR code) that must reach the screen exactly as it is, never re-wrapped. */
export function showDrawing(text: string): void {
  const wide = Math.max(...text.split("\n").map((line) => textWidth(line)));
  const cols = columns();
  if (cols !== undefined && wide > cols) say(`  ${t("audit:prompts.qrTooNarrow", { count: wide })}\n`);
  else process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** The question, wrapped so the prompt library never breaks a word: room for the answer shown after it. */
const question = (message: string, reserve = 0) => wrapQuestion(message, columns(), reserve);
/** What the answered question shows after it: a choice's name up to its first pause ("Done", "No", "Later"; "Fait" before " : "). */
const shortName = (name: string) => name.split(/ ?: |, |، | \(/)[0]!;
const longest = (choices: Array<{ name: string }>) => Math.max(0, ...choices.map((c) => textWidth(shortName(c.name)))) + 1;
/** Choice names wrap under themselves: the list puts two or three columns before each. */
const fitChoices = <C extends { name: string; description?: string }>(choices: C[], lead: number): C[] =>
  choices.map((c) => ({
    ...c,
    name: fitToWidth(" ".repeat(lead) + c.name, columns()).slice(lead),
    short: shortName(c.name),
    ...(c.description === undefined ? {} : { description: fitToWidth(c.description, columns()) }),
  }));

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
  checked?: boolean;
}

/** The prompt library's key help ("↑↓ navigate • ⏎ select"), in the run's language; `back` adds Esc. */
function keysHelp(back = false) {
  return (keys: [string, string][]) =>
    [...keys, ...(back ? [["esc", "back"] as [string, string]] : [])]
      .map(([key, action]) => `${styleText("bold", key === "space" ? t("audit:prompts.key.space") : key)} ${styleText("dim", t(`audit:prompts.key.${action}`, { defaultValue: action }))}`)
      .join(styleText("dim", " • "));
}

export function chooseOne<T extends string>(message: string, choices: Choice<T>[]): Promise<T> {
  return ask(() => select<T>({ message: question(message, longest(choices)), choices: fitChoices(choices, 2), loop: false, theme: { style: { keysHelpTip: keysHelp() } } }, context));
}

export function chooseMany<T extends string>(message: string, choices: Choice<T>[], options: { required?: string } = {}): Promise<T[]> {
  return ask(() =>
    checkbox<T>(
      {
        message: question(message),
        choices: fitChoices(choices, 3),
        // The answered question lists the choices after it when they fit on its line, else counts them.
        theme: {
          style: {
            renderSelectedChoices: (picked: ReadonlyArray<{ short: string }>) => {
              const names = picked.map((c) => c.short).join(t("audit:summary.separator"));
              const lastLine = question(message).split("\n").at(-1)!;
              return textWidth(`? ${lastLine} ${names}`) <= (columns() ?? 80) ? names : t("audit:prompts.chosen", { count: picked.length });
            },
            keysHelpTip: keysHelp(),
          },
        },
        loop: false,
        pageSize: Math.min(choices.length, 15),
        required: options.required !== undefined,
        validate: (picked) => (options.required !== undefined && picked.length === 0 ? options.required : true),
      },
      context,
    ),
  );
}

/** Yes or no; destructive questions pass `defaultYes: false`. */
export function confirmAction(message: string, defaultYes = false): Promise<boolean> {
  const [yes, no] = [t("audit:prompts.yes"), t("audit:prompts.no")];
  return ask(() =>
    confirm(
      { message: question(message, Math.max(textWidth(yes), textWidth(no)) + 6), default: defaultYes, theme: { keywords: { yes, no, error: () => t("audit:prompts.yesOrNo", { yes, no }) } } },
      context,
    ),
  );
}

/**
 * A hidden prompt: nothing is echoed, not even a mask, and the answer is never kept by harden.
 * toggleMask off: the prompt would otherwise show the password in clear on Ctrl+T, for anyone
 * looking at the screen, although the question says nothing shows.
 */
export function askSecret(message: string): Promise<string> {
  return ask(() => password({ message: question(message), mask: false, toggleMask: false }, { ...context, clearPromptOnDone: true }));
}

/** A visible one-line answer, checked before it is accepted. */
export function askText(message: string, validate?: (value: string) => true | string): Promise<string> {
  return ask(() => input({ message: question(message), validate: validate && ((value: string) => { const verdict = validate(value); return verdict === true ? true : fitToWidth(verdict, columns()); }) }, context));
}

/**
 * The interactive audit runs in the terminal's alternate screen, as `less` does: when harden
 * ends, or on the quick exit (Ctrl-C), the screen returns to what it was and nothing of
 * harden's stays in the scrollback.
 */
let onPrivateScreen = false;

export function enterPrivateScreen(): void {
  if (onPrivateScreen || process.stderr.isTTY !== true) return;
  process.stderr.write("\u001b[?1049h\u001b[H\u001b[2J");
  onPrivateScreen = true;
}

/** Returns to the normal screen; true when harden had left it. */
export function leavePrivateScreen(): boolean {
  if (!onPrivateScreen) return false;
  process.stderr.write("\u001b[2J\u001b[?1049l");
  onPrivateScreen = false;
  return true;
}

/**
 * A choice Esc can leave: undefined means "go back to the question before". Esc is read from
 * the keypress events the prompt's own readline emits on stdin, and ends the prompt by its signal.
 */
export async function chooseOrBack<T extends string>(message: string, choices: Choice<T>[]): Promise<T | undefined> {
  const controller = new AbortController();
  const onKey = (_text: string | undefined, key: { name?: string } | undefined) => {
    if (key?.name === "escape") controller.abort();
  };
  try {
    const answer = ask(() => select<T>({ message: question(message, longest(choices)), choices: fitChoices(choices, 2), loop: false, theme: { style: { keysHelpTip: keysHelp(true) } } }, { ...context, signal: controller.signal }));
    // After the prompt's readline is listening: a keypress listener added before it would start
    // reading stdin on its own, and the first key typed could be lost.
    process.stdin.on("keypress", onKey);
    return await answer;
  } catch (error) {
    if (controller.signal.aborted && error instanceof InterruptedError) return undefined;
    throw error;
  } finally {
    process.stdin.off("keypress", onKey);
  }
}

/**
 * One line of text that Esc or an empty answer leaves (undefined: go back), never a prompt that
 * only Ctrl-C can end. `prefill` is put in the line to edit, not shown as a default.
 */
const lineInput = createPrompt<string | undefined, { message: string; prefill?: string; validate?: (value: string) => true | string }>((config, done) => {
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const prefix = usePrefix({ status });
  useEffect((rl) => {
    if (config.prefill) {
      rl.write(config.prefill);
      setValue(config.prefill);
    }
  }, []);
  useKeypress((key, rl) => {
    if (status !== "idle") return;
    if (key.name === "escape") {
      setStatus("done");
      done(undefined);
    } else if (isEnterKey(key)) {
      const answer = value.trim();
      const valid = answer === "" || !config.validate ? true : config.validate(answer);
      if (valid !== true) {
        rl.write(value);
        setError(valid);
        return;
      }
      setStatus("done");
      done(answer === "" ? undefined : answer);
    } else {
      setValue(rl.line);
      setError(undefined);
    }
  });
  const shown = status === "done" ? styleText("cyan", value.trim()) : value;
  const hint = status === "idle" ? styleText("dim", `  ${t("audit:prompts.lineHint")}`) : "";
  return [`${prefix} ${styleText("bold", config.message)} ${shown}`, [hint.trim() ? hint : "", error ? styleText("red", `> ${error}`) : ""].filter(Boolean).join("\n")];
});

export function askLine(message: string, options: { prefill?: string; validate?: (value: string) => true | string } = {}): Promise<string | undefined> {
  return ask(() => lineInput({ message: question(message), ...options }, context));
}
