/**
 * The only module that talks to @inquirer/prompts. Prompts and the text around them go to
 * stderr so stdout stays clean for data; Ctrl-C becomes an InterruptedError (exit 130).
 */
import { styleText } from "node:util";
import { createPrompt, isEnterKey, useEffect, useKeypress, usePrefix, useState } from "@inquirer/core";
import { checkbox, confirm, input, password, select } from "@inquirer/prompts";
import { InterruptedError } from "../errors.js";

const context = { output: process.stderr, clearPromptOnDone: false };

async function ask<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError")) throw new InterruptedError();
    throw error;
  }
}

export function say(text: string): void {
  process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
}

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
  checked?: boolean;
}

export function chooseOne<T extends string>(message: string, choices: Choice<T>[]): Promise<T> {
  return ask(() => select<T>({ message, choices, loop: false }, context));
}

export function chooseMany<T extends string>(message: string, choices: Choice<T>[], options: { required?: string } = {}): Promise<T[]> {
  return ask(() =>
    checkbox<T>(
      {
        message,
        choices,
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
  return ask(() => confirm({ message, default: defaultYes }, context));
}

/**
 * A hidden prompt: nothing is echoed, not even a mask, and the answer is never kept by harden.
 * toggleMask off: the prompt would otherwise show the password in clear on Ctrl+T, for anyone
 * looking at the screen, although the question says nothing shows.
 */
export function askSecret(message: string): Promise<string> {
  return ask(() => password({ message, mask: false, toggleMask: false }, { ...context, clearPromptOnDone: true }));
}

/** A visible one-line answer, checked before it is accepted. */
export function askText(message: string, validate?: (value: string) => true | string): Promise<string> {
  return ask(() => input({ message, validate }, context));
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

/** Shown under a choice that Esc leaves, in the same style as the prompt's own key help. */
const withBackKey = (keys: [string, string][]) =>
  [...keys, ["esc", "back"] as [string, string]].map(([key, action]) => `${styleText("bold", key)} ${styleText("dim", action)}`).join(styleText("dim", " • "));

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
    const answer = ask(() => select<T>({ message, choices, loop: false, theme: { style: { keysHelpTip: withBackKey } } }, { ...context, signal: controller.signal }));
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
  const hint = status === "idle" ? styleText("dim", "  (enter to save; empty or esc to go back)") : "";
  return [`${prefix} ${styleText("bold", config.message)} ${shown}`, [hint.trim() ? hint : "", error ? styleText("red", `> ${error}`) : ""].filter(Boolean).join("\n")];
});

export function askLine(message: string, options: { prefill?: string; validate?: (value: string) => true | string } = {}): Promise<string | undefined> {
  return ask(() => lineInput({ message, ...options }, context));
}
