/**
 * The one way a message reaches the person on stderr while a command runs (a question's
 * surroundings, a warning, a server's log): each line fitted to the terminal's width when stderr
 * is a terminal, so no word is broken at its edge; exactly as given otherwise (a log file).
 */
import { json } from "./rendered.js";
import { fitToWidth } from "./wrap.js";

/**
 * Under --json every line on stderr is JSON (progress, the error), so a script can read them all:
 * a message is then one `{"notice": "..."}` line instead of words.
 */
let asJson = false;
export function noticesAsJson(on: boolean): void {
  asJson = on;
}
/** Whether stderr is JSON lines this run (--json): for the one other writer there, the error. */
export const stderrIsJson = (): boolean => asJson;

/** One line as it should reach stderr. */
export function stderrLine(line: string): string {
  return process.stderr.isTTY === true ? fitToWidth(line, process.stderr.columns) : line;
}

/** Text on stderr, ending with a line break. */
export function say(text: string): void {
  if (asJson) {
    process.stderr.write(json({ notice: text.replace(/\n$/, "") }, 0));
    return;
  }
  for (const line of text.replace(/\n$/, "").split("\n")) process.stderr.write(`${stderrLine(line)}\n`);
}
