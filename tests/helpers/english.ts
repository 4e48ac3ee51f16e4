/**
 * Finds English left on a screen that should be in another language: every message of the English
 * catalogue (its literal parts between placeholders, two words or more) whose translation differs,
 * and commander's own words. Used by the tests that run each command with --lang fr and --lang ar.
 */
import { readCatalogue, type Language } from "../../src/i18n/index.js";

const COMMANDER_WORDS = ["Usage:", "Options:", "Commands:", "Arguments:", "display help for command", "output the version number", "error: unknown option", "error: missing required argument", "(choices:", "(default:"];

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix.endsWith(":") ? `${prefix}${k}` : `${prefix}.${k}`, out);
}

/** Every message of a language's catalogue, as "namespace:key.path" -> text. */
export const catalogueMessages = (lang: Language): Map<string, string> => messages(lang);

const messages = (lang: Language) => {
  const out = new Map<string, string>();
  for (const [ns, tree] of Object.entries(readCatalogue(lang))) flatten(tree, `${ns}:`, out);
  return out;
};

/** Literal runs of a message, without placeholders, that are long enough to be sure they are English. */
const fragments = (message: string) =>
  message
    .split(/\{\{[^}]*\}\}|\$t\([^)]*\)|\n/)
    .map((part) => part.trim())
    .filter((part) => part.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w)).length >= 2);

export function englishLeft(screen: string, lang: Exclude<Language, "en">, options: { allow?: string[] } = {}): string[] {
  // A platform's own label quoted in translated steps (« Location sharing », "Location sharing") is
  // what a phone set to English shows, on purpose: only text outside quotes counts.
  const output = screen.replace(/&quot;.{0,300}?&quot;|«[^»]{0,300}»|"[^"]{0,300}"|“[^”]{0,300}”/g, "");
  const english = messages("en");
  const translated = messages(lang);
  const found = new Set<string>();
  for (const [key, message] of english) {
    if (translated.get(key) === message) continue; // the same in both languages on purpose
    for (const fragment of fragments(message)) if (output.includes(fragment)) found.add(`${key}: "${fragment}"`);
  }
  for (const words of COMMANDER_WORDS) if (output.includes(words)) found.add(`commander: "${words}"`);
  return [...found].filter((f) => !(options.allow ?? []).some((a) => f.includes(a)));
}

/** Whether a screen shows words of the language's catalogue (a fragment of one of its messages, where it differs from English). */
export function showsLanguage(screen: string, lang: Exclude<Language, "en">): boolean {
  const english = messages("en");
  for (const [key, message] of messages(lang)) {
    if (english.get(key) === message) continue;
    const parts = message
      .split(/\{\{[^}]*\}\}|\$t\([^)]*\)|\n|[\u2066-\u2069]/)
      .map((part) => part.trim())
      .filter((part) => part.length >= 6);
    if (parts.some((part) => screen.includes(part))) return true;
  }
  return false;
}
