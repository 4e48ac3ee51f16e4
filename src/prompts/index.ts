/**
 * The only module that talks to @inquirer/prompts. Prompts and the text around them go to
 * stderr so stdout stays clean for data; Ctrl-C becomes an InterruptedError (exit 130).
 */
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
