/**
 * The one place that makes outside text (checklist files, workshop plans, evidence notes) safe in
 * the files harden writes: Markdown text, HTML text and attributes, and links. A handout is opened
 * in whatever renderer a trainer has, and many pass raw HTML and any link scheme through.
 */
import { sanitize, sanitizeLine } from "./sanitize.js";

/**
 * Outside text on one Markdown line: newlines flattened, and nothing in it can format, link or
 * come alive. Raw HTML and autolinks all open with `<`, so every `<` becomes `&lt;`; a `&` that
 * would start an entity becomes `&amp;`; `>` stays readable ("Settings > Security") except where
 * it would start a quote. The punctuation that formats or links (`*`, `_`, `[`, `|`, `{`, …) is
 * backslash-escaped, and a line that would start a heading, list or rule starts with an escaped
 * character instead.
 */
export function markdownText(text: string): string {
  return sanitizeLine(text)
    .replace(/[\\`*_[\]{}|~]/g, "\\$&")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/^(\s*)>/, "$1&gt;")
    .replace(/^(\s*)([-+=#])/, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/, "$1\\$2");
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Outside text in HTML, as element text or inside a quoted attribute. Newlines are kept. */
export function htmlText(text: string): string {
  return sanitize(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/** What may stay as it is in a link: unreserved characters and the delimiters a URL needs. */
const URL_SAFE = /[^A-Za-z0-9\-._~!$&*+,;=:@/?#%]/gu;
const percentEncode = (c: string) => [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");

/**
 * The URL to link to, or undefined when it must not be a link: only https, without a user name or
 * password (`https://bank.example@evil.example`), and percent-encoded so that no `)`, `<`, `>`,
 * quote, backslash or space can end the link early.
 */
export function safeLinkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(sanitizeLine(url).trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" || parsed.username || parsed.password) return undefined;
  const rest = `${parsed.pathname}${parsed.search}${parsed.hash}`.replace(URL_SAFE, percentEncode);
  return `https://${parsed.host}${rest}`;
}

/** A URL in Markdown: a link when it is safe to follow, otherwise escaped plain text. */
export function markdownUrl(url: string): string {
  const safe = safeLinkUrl(url);
  return safe ? `<${safe}>` : markdownText(url);
}

/** A URL in HTML: a link when it is safe to follow, otherwise escaped plain text. */
export function htmlUrl(url: string): string {
  const safe = safeLinkUrl(url);
  return safe ? `<a href="${htmlText(safe)}">${htmlText(url)}</a>` : htmlText(url);
}
