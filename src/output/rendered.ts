/** What every renderer of results (src/output/render/) gives back and shares: the one JSON writer. */
import { ExitCode } from "../errors.js";
import type { CommandResult } from "./results.js";
import type { Style } from "./style.js";

export interface Rendered {
  stdout: string;
  /** Messages for the person, printed to stderr. */
  stderr: string[];
  exitCode: number;
}

/**
 * `discreet`: the command ran in the terminal's private (alternate) screen, and what is printed now
 * stays on the normal screen and in its scrollback: counts and where to look, never step titles.
 */
export interface RenderOptions {
  json: boolean;
  style: Style;
  discreet?: boolean;
}

/** The result of one kind (or of one of several kinds). */
export type ResultOf<K extends CommandResult["kind"]> = Extract<CommandResult, { kind: K }>;

/** A result that went as asked: exit code 0. */
export const ok = (stdout: string, stderr: string[] = []): Rendered => ({ stdout, stderr, exitCode: ExitCode.ok });

/**
 * Characters JSON may carry raw but a reader should not get raw: C1 controls, marks and overrides
 * that reorder text on screen (bidi), and U+2028/U+2029, which end a line in some readers.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The one JSON writer. Values are kept exactly (evidence hashes can be recomputed from them):
 * the characters above are written as \u escapes, which parse back to the same string.
 */
export const json = (value: unknown, indent = 2) => `${JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
