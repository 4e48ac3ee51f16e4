import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import jsQR from "jsqr";
import { ROOT } from "./fixtures.js";

type XTerm = import("@xterm/headless").Terminal;

/** A headless terminal (xterm.js) that has processed `output`: what a person sees, cell by cell. */
export async function terminal(output: string, cols: number, rows = 500): Promise<XTerm> {
  const { Terminal } = await import("@xterm/headless");
  const term = new Terminal({ cols, rows, scrollback: 5000, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(withoutIsolates(output), resolve));
  return term;
}

/**
 * xterm.js's Unicode 6 tables predate the bidi isolates (U+2066-U+2069, Unicode 6.3) and give
 * each a column; terminals with newer tables (VTE, Konsole, glibc's wcwidth under tmux or xterm)
 * give them none, as harden counts them. The test terminal reads the output without them.
 */
const withoutIsolates = (output: string) => output.replace(/[\u2066-\u2069]/g, "");

export interface ScreenLine {
  text: string;
  /** The terminal broke this line off the one above because it reached the edge. */
  wrapped: boolean;
}

/** Every line of the active buffer (the normal buffer includes its scrollback). */
export function screenLines(term: XTerm): ScreenLine[] {
  const buffer = term.buffer.active;
  const lines: ScreenLine[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    lines.push({ text: line?.translateToString(true) ?? "", wrapped: line?.isWrapped ?? false });
  }
  return lines;
}

/** The normal screen and its scrollback, whichever buffer is active. */
export function normalLines(term: XTerm): string[] {
  const buffer = term.buffer.normal;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
  return lines;
}

let known: { words: Set<string>; text: string } | undefined;

/** Every word harden can show: its built code's strings, its message catalogues and the built-in checklists, as one text. */
function knownText(): { words: Set<string>; text: string } {
  if (known) return known;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|js|json)$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(ROOT, "checklists"));
  walk(path.join(ROOT, "locales"));
  walk(path.join(ROOT, "dist", "bundle"));
  const text = files.map((f) => readFileSync(f, "utf8")).join("\n").replace(/\\n/g, " ").replace(/\s+/g, " ");
  known = { words: new Set(text.split(" ")), text };
  return known;
}

/**
 * Words broken at a line's end: the terminal broke a line inside a word, or harden (or its prompt
 * library) ended a line with the first part of a word harden knows whole, where its texts never
 * have those two parts as two words.
 */
export function splitWords(lines: ScreenLine[], cols: number): string[] {
  const { words, text } = knownText();
  const found: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const above = lines[i - 1]!.text;
    const below = lines[i]!.text;
    const last = /(\S+)$/.exec(above)?.[1];
    const first = /^\s*(\S+)/.exec(below)?.[1];
    if (!last || !first) continue;
    // A word longer than a whole line has to be broken somewhere (a long web address).
    if ([...(last + first)].length > cols - (/^ */.exec(below)?.[0].length ?? 0)) continue;
    if (lines[i]!.wrapped && /\S$/.test(above) && /^\S/.test(below)) found.push(`${last}|${first}`);
    else if (words.has(last + first) && !text.includes(`${last} ${first}`)) found.push(`${last}|${first}`);
  }
  return found;
}

/**
 * A word left alone on a line in the middle of a paragraph: the line above was too long for the
 * screen and lost its last word to a line of its own, and the paragraph goes on below at the same indent.
 */
export function loneWords(lines: ScreenLine[]): string[] {
  const indent = (text: string) => /^ */.exec(text)![0].length;
  const found: string[] = [];
  // A prompt's list of choices is one word a line by design: from its "?" line to its key help.
  let inChoices = false;
  for (let i = 1; i + 1 < lines.length; i++) {
    const [above, line, below] = [lines[i - 1]!.text, lines[i]!.text, lines[i + 1]!.text];
    if (/^[?✔] /.test(line) || /^[❯>]/.test(line)) inChoices = /^\? /.test(line) || /^[❯>]/.test(line);
    if (/^↑↓/.test(line) || !line.trim()) inChoices = false;
    if (inChoices || /❯/.test(above + line)) continue;
    if (!/^ *\S+$/.test(line) || line.includes("://") || /[?.!:]$/.test(line) || line.trim().length > 25 || !above.trim() || !below.trim() || /^\s*[?✔❯>]/.test(below)) continue;
    if (indent(below) === indent(line) && indent(above) < indent(line) + 1 && /^[\p{L}(]/u.test(below.trim())) found.push(`${above.trim().split(" ").at(-1)} / ${line.trim()} / ${below.trim().split(" ")[0]}`);
  }
  return found;
}

/**
 * Reads a QR code off the screen as a phone camera would: each cell becomes a block of pixels in
 * the colours the terminal gives it (a dark theme: light grey text on black where a cell sets no
 * colour of its own), and the upper-half and lower-half blocks split their cell between them.
 */
export function decodeQrOnScreen(term: XTerm): { data?: string; quietModules: number } {
  const buffer = term.buffer.active;
  const cw = 4;
  const ch = 8;
  const cols = term.cols;
  const rows = buffer.length;
  const w = cols * cw;
  const h = rows * ch;
  const pixels = new Uint8ClampedArray(w * h * 4);
  const DEFAULT_FG = [204, 204, 204];
  const DEFAULT_BG = [0, 0, 0];
  const palette = (n: number): number[] => {
    if (n === 16) return [0, 0, 0];
    if (n === 231) return [255, 255, 255];
    if (n >= 16 && n < 232) {
      const v = [Math.floor((n - 16) / 36), Math.floor((n - 16) / 6) % 6, (n - 16) % 6];
      return v.map((c) => (c === 0 ? 0 : 55 + c * 40));
    }
    if (n >= 232) return Array(3).fill(8 + (n - 232) * 10);
    // The 16 theme colours, as a dark theme draws them: "white" (7) is a grey, "black" (0) is dark.
    const theme = [[30, 30, 30], [205, 49, 49], [13, 188, 121], [229, 229, 16], [36, 114, 200], [188, 63, 188], [17, 168, 205], [160, 160, 160]];
    return n < 8 ? theme[n]! : theme[n - 8]!.map((c) => Math.min(255, c + 60));
  };
  const colour = (mode: "fg" | "bg", cell: import("@xterm/headless").IBufferCell): number[] => {
    const isDefault = mode === "fg" ? cell.isFgDefault() : cell.isBgDefault();
    const value = mode === "fg" ? cell.getFgColor() : cell.getBgColor();
    if (isDefault) return mode === "fg" ? DEFAULT_FG : DEFAULT_BG;
    if ((mode === "fg" ? cell.isFgRGB() : cell.isBgRGB())) return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
    return palette(value);
  };
  const cell = buffer.getNullCell();
  for (let y = 0; y < rows; y++) {
    const line = buffer.getLine(y);
    for (let x = 0; x < cols; x++) {
      line?.getCell(x, cell);
      let fg = colour("fg", cell);
      let bg = colour("bg", cell);
      if (cell.isInverse()) [fg, bg] = [bg, fg];
      const char = cell.getChars() || " ";
      for (let dy = 0; dy < ch; dy++) {
        const upper = dy < ch / 2;
        const ink = char === "█" || (char === "▀" && upper) || (char === "▄" && !upper);
        const rgb = ink ? fg : bg;
        for (let dx = 0; dx < cw; dx++) {
          const i = ((y * ch + dy) * w + x * cw + dx) * 4;
          pixels[i] = rgb[0]!;
          pixels[i + 1] = rgb[1]!;
          pixels[i + 2] = rgb[2]!;
          pixels[i + 3] = 255;
        }
      }
    }
  }
  // A phone's camera does not turn a picture negative to find a code: neither does this one.
  const found = jsQR(pixels, w, h, { inversionAttempts: "dontInvert" });
  if (!found) return { quietModules: 0 };
  // How many light modules (4 by 4 pixels) surround the code on every side.
  const { topLeftCorner: tl, bottomRightCorner: br } = found.location;
  const light = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && pixels[(Math.round(y) * w + Math.round(x)) * 4]! > 128;
  let quietModules = 0;
  for (let ring = 1; ring <= 8; ring++) {
    const d = ring * 4 - 2; // the middle of the ring's modules
    let all = true;
    for (let x = tl.x - d; x <= br.x + d && all; x += 2) all = light(x, tl.y - d) && light(x, br.y + d);
    for (let y = tl.y - d; y <= br.y + d && all; y += 2) all = light(tl.x - d, y) && light(br.x + d, y);
    if (!all) break;
    quietModules = ring;
  }
  return { data: found.data, quietModules };
}
