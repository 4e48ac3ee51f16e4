#!/usr/bin/env node
// Wraps every left-to-right run (flags, commands, paths, addresses, numbers, placeholders) of the
// Arabic messages of a catalogue in Unicode isolates (U+2066 LRI ... U+2069 PDI), so that a
// terminal that does bidi shows `harden audit --answers FILE` in its own order inside Arabic text.
// Placeholders that stand for words of the language ({{message}}, {{reason}}...) are left alone.
// Usage: node scripts/isolate-arabic.mjs locales/ar/cli.json [more.json ...]  (rewrites them)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const LRI = "\u2066";
const PDI = "\u2069";
const ARABIC = /[\u0600-\u06ff]/;
const RUN_CHAR = String.raw`A-Za-z0-9{}$\x60"'\[\]<>_\-./:=@*+#~|\\&%,`;
const RUN = new RegExp(`[${RUN_CHAR}]+(?: [${RUN_CHAR}]+)*`, "g");
const STRONG = /[A-Za-z0-9]|\{\{/;
/** Placeholders whose value is words of the language, not a left-to-right run. */
export const WORD_PLACEHOLDERS = ["message", "detail", "ways", "rows", "reason", "warning", "tip", "words", "time", "what", "kind"];

function isolateLine(line) {
  let out = "";
  let pos = 0;
  for (const match of line.matchAll(RUN)) {
    let start = match.index;
    let core = match[0].replace(/[.:,;]+$/, "");
    while (core.startsWith("]")) (core = core.slice(1)), start++;
    if (!STRONG.test(core)) continue;
    const lead = core.length - core.replace(/^[,:; ]+/, "").length;
    core = core.slice(lead);
    start += lead;
    out += line.slice(pos, start) + LRI + core + PDI;
    pos = start + core.length;
  }
  return out + line.slice(pos);
}

/** The message with its left-to-right runs isolated; a message without Arabic is kept as it is. */
export function isolateLatinRuns(message) {
  if (!ARABIC.test(message)) return message;
  let text = message.replace(/[\u2066-\u2069]/g, "");
  WORD_PLACEHOLDERS.forEach((word, i) => (text = text.replaceAll(`{{${word}}}`, String.fromCharCode(0xe000 + i))));
  text = text.split("\n").map(isolateLine).join("\n");
  WORD_PLACEHOLDERS.forEach((word, i) => (text = text.replaceAll(String.fromCharCode(0xe000 + i), `{{${word}}}`)));
  return text;
}

const walk = (value) => (typeof value === "string" ? isolateLatinRuns(value) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)])));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) writeFileSync(file, `${JSON.stringify(walk(JSON.parse(readFileSync(file, "utf8"))), null, 2)}\n`);
}
