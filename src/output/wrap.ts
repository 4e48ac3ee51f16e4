/**
 * The one function that fits text to a terminal's width. Width is counted as the terminal shows
 * it (string-width: accents, Arabic, emoji and CJK, escape sequences count as nothing). A word is
 * broken only when it is longer than a whole line; continuation lines keep a hanging indent.
 */
import { createRequire } from "node:module";
import { currentLanguage, isRightToLeft } from "../i18n/index.js";

const ANSI = /\u001b\[[0-9;]*m/g;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/**
 * string-width, read the first time a text has more than printable ASCII in it: building its
 * Unicode tables and expressions takes tens of milliseconds, which `harden --help`, `harden list`
 * and the offline password check in English never need. Read synchronously (require of an ES
 * module, Node 20.19 and later) because wrap() is called synchronously from every renderer.
 */
let unicodeWidth: ((text: string) => number) | undefined;

/**
 * Columns text takes on a terminal, exactly as string-width counts them: colour codes count as
 * nothing, and printable ASCII is one column a character, counted without string-width.
 */
export function textWidth(text: string): number {
  const plain = text.includes("\u001b") ? text.replace(ANSI, "") : text;
  if (!NOT_PRINTABLE_ASCII.test(plain)) return plain.length;
  return loadUnicodeWidth()(text);
}

const loadUnicodeWidth = () => (unicodeWidth ??= (createRequire(import.meta.url)("string-width") as typeof import("string-width")).default);

/**
 * Reads string-width now, for a caller with time to spare: a prompt, while the person types, so
 * the verdict printed after Enter (its ✓ and ✗) does not wait for it.
 */
export function prepareTextWidth(): void {
  loadUnicodeWidth();
}

/** Left-to-right isolate and its end (Unicode bidi isolates: zero width, string-width counts them as nothing). */
const LRI = "\u2066";
const PDI = "\u2069";
const ISOLATES = /[\u2066\u2069]/g;
/**
 * A run of Latin text in a right-to-left line: a web address, a path, an id, a number, a name
 * like "Facebook" or "Settings > Security"; from its first Latin letter or digit to its last,
 * with the ASCII spaces and punctuation between them.
 */
// A run may open with the signs of a flag, a variable or a path (--keep-screen, $HARDEN_HOME,
// ~/pwned, ./plan.yaml, /tmp/data), and close with brackets, a URL's scheme or a folder's slash
// ("(--stdin)", http://, /range/); brackets without their pair in it are cut out (isolateRun).
const RUN_CORE = String.raw`(?:--?|[$~]?\.{0,2}\/|[$~])?[\p{Script=Latin}\p{Nd}](?:[\p{Script=Latin}\p{Nd} !-/:-@[-\x60{-~]*[\p{Script=Latin}\p{Nd}])?`;
const LATIN_RUN = new RegExp(String.raw`${RUN_CORE}[)\]}>]*(?::\/\/|\/)?`, "gu");
/** A piece of a run cut at its unpaired brackets: the same without closing brackets after it. */
const LATIN_PIECE = new RegExp(String.raw`${RUN_CORE}(?::\/\/|\/)?`, "gu");

/** Brackets that pair; not < and >, which are also "Settings > Security". */
const CLOSING: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{" };

/** Where a run has a bracket without its pair inside it ("240 (8 MB" of "240 (8 MB في 0.4 ث)"). */
function unpairedBrackets(run: string): number[] {
  const open: number[] = [];
  const unpaired: number[] = [];
  for (let i = 0; i < run.length; i++) {
    const c = run[i]!;
    if (c === "(" || c === "[" || c === "{") open.push(i);
    else if (CLOSING[c] !== undefined) {
      if (open.length > 0 && run[open.at(-1)!] === CLOSING[c]) open.pop();
      else unpaired.push(i);
    }
  }
  return [...unpaired, ...open].sort((a, b) => a - b);
}

/**
 * One Latin run isolated; cut first at a bracket whose pair is outside it, which stays outside
 * the isolates: a bracket inside an isolate and its pair outside are drawn facing the wrong way.
 */
function isolateRun(run: string): string {
  const cuts = unpairedBrackets(run);
  if (cuts.length === 0) return `${LRI}${run}${PDI}`;
  let out = "";
  let from = 0;
  for (const cut of [...cuts, run.length]) {
    out += run.slice(from, cut).replace(LATIN_PIECE, (piece) => `${LRI}${piece}${PDI}`) + (run[cut] ?? "");
    from = cut + 1;
  }
  return out;
}
const ANSI_OR_TEXT = /(\u001b\[[0-9;]*m)/;
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;

/**
 * The one place Latin runs in Arabic text are isolated (LRI ... PDI), so that a terminal that does
 * bidi (VTE, Konsole) shows a URL, a path or "Settings > Security" left to right inside the
 * right-to-left line. Per line, idempotent (isolates already there are redone), colour codes
 * untouched; a line with no right-to-left letter, and text in a left-to-right language, are
 * returned as they are.
 */
export function isolateLatin(line: string, rtl = isRightToLeft(currentLanguage())): string {
  if (!rtl) return line;
  const plain = line.replace(ISOLATES, "");
  // A line with no right-to-left letter is shown left to right anyway: nothing to isolate.
  if (!RTL_LETTER.test(plain)) return plain;
  return plain
    .split(ANSI_OR_TEXT)
    .map((part) => (part.startsWith("\u001b") ? part : part.replace(LATIN_RUN, isolateRun)))
    .join("");
}

/**
 * Columns a line takes on any terminal: xterm, tmux and Windows Terminal draw each isolate as a
 * column of its own (VTE and Konsole draw none), so they are counted, and a line never overflows.
 */
export const columnsOf = (text: string): number => textWidth(text) + (text.match(ISOLATES)?.length ?? 0);

/** The columns isolateLatin may add around a word of an Arabic line (an LRI and a PDI), counted ahead. */
const isolateRoom = (word: string): number => (isRightToLeft(currentLanguage()) && /[\p{Script=Latin}\p{Nd}]/u.test(word) ? 2 : 0);

/** Words that must stay on one line ("step 1 of 23"): their spaces become no-break spaces, which wrap never breaks at. */
export const keepTogether = (words: string): string => words.replace(/ /g, "\u00a0");

let screenColumns: number | undefined;

/**
 * The width of the screen the text is for, or undefined for a pipe or a file. Renderers ask wrap()
 * for a width they like (80); on a narrower screen it wraps at the screen's width instead.
 */
export function useScreenWidth(columns: number | undefined): void {
  screenColumns = columns && columns >= 10 ? columns : undefined;
}

/** Breaks a word longer than `room` columns into pieces that fit (the only case a word is split). */
function splitLongWord(word: string, room: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const char of word) {
    if (piece && textWidth(piece + char) > room) {
      pieces.push(piece);
      piece = "";
    }
    piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Word-wraps plain text for the terminal, keeping a hanging indent on continuation lines. */
export function wrap(text: string, width: number, firstIndent: string, restIndent = firstIndent): string {
  if (screenColumns !== undefined) width = Math.min(width, screenColumns);
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = firstIndent;
    let lineWidth = textWidth(firstIndent);
    let indentOnly = true;
    // French typography: a guillemet stays with its words, and : ; ? ! » with the word before them
    // (« Password and security », « Source : »), so a line never ends in « nor starts with a colon.
    for (const whole of paragraph.split(/(?<!«) +(?![:;?!»])/).filter(Boolean)) {
      const restWidth = textWidth(restIndent);
      const pieces = textWidth(whole) > Math.max(1, width - restWidth) ? splitLongWord(whole, Math.max(1, width - restWidth)) : [whole];
      for (const word of pieces) {
        const w = textWidth(word) + isolateRoom(word);
        if (!indentOnly && lineWidth + 1 + w > width) {
          out.push(isolateLatin(line));
          line = restIndent + word;
          lineWidth = restWidth + w;
        } else {
          line += (indentOnly ? "" : " ") + word;
          lineWidth += (indentOnly ? 0 : 1) + w;
        }
        indentOnly = false;
      }
    }
    out.push(indentOnly ? "" : isolateLatin(line));
    firstIndent = restIndent;
  }
  return out.join("\n");
}

/** Leading spaces, then a list marker ("- ", "! ", "1. ", "✓ ") that continuation lines align under. */
const LEAD = /^( *)((?:[-*!✓✗•]|\d+\.|\(\d+\)) +)?/;

/**
 * Fits already laid-out text to the screen: a line that fits is left exactly as it is; a longer
 * one is re-wrapped with its continuation aligned under its text (under a list marker's text, or
 * two columns further in). Escape sequences are kept; colours carry on across the break.
 */
export function fitToWidth(text: string, columns: number | undefined): string {
  if (!columns || columns < 10) return text.split("\n").map((line) => isolateLatin(line)).join("\n");
  const width = columns;
  return text
    .split("\n")
    .map((line) => {
      const isolated = isolateLatin(line);
      if (columnsOf(isolated) <= width) return isolated;
      const plain = line.replace(ANSI, "");
      const [, spaces = "", marker = ""] = LEAD.exec(plain) ?? [];
      const rest = " ".repeat(spaces.length + (marker ? textWidth(marker) : 2));
      // The indent of the first line is part of the line itself; keep it (with any colour codes in it).
      const lead = line.match(/^(?:\u001b\[[0-9;]*m| )*/)?.[0] ?? "";
      return wrap(line.slice(lead.length), width, lead, rest.length < width / 2 ? rest : "  ");
    })
    .join("\n");
}

/**
 * A prompt's question, wrapped so the prompt library never has to break it: the first line leaves
 * room for the "? " in front of it, and the last line for `reserve` columns after it (the answer
 * shown there once given).
 */
export function wrapQuestion(message: string, columns: number | undefined, reserve = 0): string {
  if (!columns || columns < 10) return fitToWidth(message, columns);
  const width = columns;
  // Lines already laid out (a question's help under it) stay as they are when they fit; on the
  // first line, two columns hold the "? ".
  const first = (line: string, room: number) => (textWidth(line) + 2 <= room ? line : wrap(line, room, "  ", "  ").slice(2));
  const lines = message.split("\n").flatMap((line, i) => (i === 0 ? first(line, width) : fitToWidth(line, width)).split("\n"));
  const last = lines.pop() ?? "";
  const lastWidth = textWidth(last) + (lines.length === 0 ? 2 : 0);
  if (lastWidth + reserve <= width) lines.push(last);
  else if (reserve <= width / 2) lines.push(...(lines.length === 0 ? first(last, width - reserve) : fitToWidth(last, width - reserve)).split("\n"));
  else lines.push(`${last}\n`); // no room at all: the answer goes on a line of its own
  return lines.join("\n");
}

/** A status line that must stay on one row (it is redrawn with a carriage return): whole words that fit. */
export function oneLine(text: string, columns: number | undefined): string {
  if (!columns || textWidth(text) < columns) return isolateLatin(text);
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next) >= columns) break;
    line = next;
  }
  return isolateLatin(line);
}
