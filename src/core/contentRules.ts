/**
 * What a checklist shows a person, checked against the rules of trust (issue 11): links only to
 * a platform's own hosts or to a third party the item names on purpose, never to a copy (proxy,
 * mirror, archive), English pages for English text, no provenance in the help, plain words, and
 * the flags that a step's own words call for. No I/O: the word lists come in as data
 * (checklists/rules/content.yaml), the findings go out with the path of the field they are about.
 */
import { type Checklist, type ChecklistItem, type Flag } from "./checklist.js";
import { MAX_GRADE, readingGrade, whyAndStepsText } from "./readingGrade.js";

/** A field's place in the data, as the YAML loader finds its line: ["items", 3, "steps", 0]. */
export type FieldPath = Array<string | number>;

/** Words in a step or notice that call for flags: `words`, optionally followed by `then` within `within` words. */
export interface FlagWordRule {
  id: string;
  /** What the words mean, for the message: "signs a device or session out". */
  what: string;
  in: Array<"steps" | "notice">;
  flags: Flag[];
  words: string[];
  then?: string[];
  within?: number;
  /** Words that, anywhere in the sentence, mean it is about something else ("if you are about to block"). */
  unless?: string[];
}

export interface ContentRulesData {
  /** Hosts of stored copies (proxies, mirrors, archives); each also covers the hosts under it. */
  copyHosts: string[];
  /** Words that mark provenance (for maintainers), which belongs in alsoRead, not in text. */
  provenance: string[];
  /** Words that point at another item by where it stands ("next item"), which a plan's order breaks. */
  positions: string[];
  /** Words that, just before a flag word, mean the step does not do it ("don't remove"). */
  negations: string[];
  flagWords: FlagWordRule[];
}

export interface ContentScope {
  /** Apply the allowlist (the built-in checklists, and a trainer's file that declares officialHosts). */
  allowlist: boolean;
  /** Apply the checks that only mean something for English text: English pages and reading grades. */
  english: boolean;
  /** Platform checklists by id, with their official hosts: what appliesTo may name. */
  platforms: ReadonlyMap<string, readonly string[]>;
}

export interface ContentFinding {
  /** Short name of the rule, stable: the content tests list known problems as "ID: rule". */
  rule: string;
  /** The item the finding is about, when it is about one. */
  item?: string;
  at: FieldPath;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Links in text

const FULL_URL = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Top-level domains a bare web address in text ends with; item ids (x.two-factor) and names (Node.js) do not. */
const BARE_TLDS = "com|org|net|gov|edu|int|io|co|uk|au|nz|ie|ca|us|eu|me|to|is|app|dev|info|ly|gl|ai|tv|be|de|fr|in|link|page|site|help|xyz|social|chat|gg|lb|ma|tn|dz|eg";
const BARE_HOST = new RegExp(`(?<![\\w@./-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${BARE_TLDS}))(?![\\w-]|\\.[a-z0-9])(\\/[^\\s<>"'\`]*)?`, "gi");
const TRAILING = /[.,;:!?)\]}'"’”]+$/;

export interface LinkInText {
  /** The text as written. */
  text: string;
  host: string;
  /** Written without https:// (facebook.com/hacked): www. in front of it is the same site. */
  bare: boolean;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return undefined;
  }
}

/** Every web address in a text: full links, and bare ones such as facebook.com/hacked. */
export function linksIn(text: string): LinkInText[] {
  const links: LinkInText[] = [];
  const rest = text.replace(FULL_URL, (match) => {
    const url = match.replace(TRAILING, "");
    const host = hostOf(url);
    if (host) links.push({ text: url, host, bare: false });
    return " ";
  });
  for (const match of rest.matchAll(BARE_HOST)) links.push({ text: match[0].replace(TRAILING, ""), host: match[1]!.toLowerCase(), bare: true });
  return links;
}

const coveredBy = (host: string, entry: string) => {
  const base = entry.replace(/^\*\./, "").toLowerCase();
  return host === base || host.endsWith(`.${base}`);
};

/** The copy host a link goes through, or the sign that it carries another address inside it. */
export function copyHostOf(url: string, host: string, copyHosts: readonly string[]): string | undefined {
  const listed = copyHosts.find((entry) => coveredBy(host, entry));
  if (listed) return host;
  // https://proxy.example/https://support.apple.com/..., or the same in hex (68747470733a2f2f).
  const afterHost = url.replace(/^[a-z]+:\/\/[^/?#]*/i, "");
  // Also /https/host/... and base64 (aHR0cHM6Ly9 is "https://", aHR0cDovL "http://").
  if (/https?:\/|https?%3a|68747470733a2f2f|\/https?\/[a-z0-9-]+\.[a-z]|aHR0cHM6Ly|aHR0cDovL|\/host-https?-/i.test(afterHost)) return host;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// English pages

/** Language codes a help site puts in its links; English (en) is not among them. */
const LANGUAGES = new Set(
  "ar bg bn bs ca cs cy da de el es et eu fa fi fil fr ga gl gu he hi hr hu hy id is it iw ja ka kk km kn ko lo lt lv mk ml mn mr ms nb ne nl nn no pa pl ps pt ro ru si sk sl sq sr sv sw ta te th tl tr uk ur uz vi zh zu".split(" "),
);
/** Alone in a path these are words more often than languages; with a region (no-no) they are locales. */
const AMBIGUOUS_ALONE = new Set(["no", "it"]);
const LOCALE_TAG = /^([a-z]{2,3})(?:[-_]([a-z]{2}|[a-z]{4}|\d{3}))?$/i;
const LOCALE_PARAMS = new Set(["hl", "lang", "locale", "language", "lc", "ln", "setlang", "mkt", "ui_locales", "uilang", "display_language"]);

function foreignLocale(tag: string, alone: boolean): boolean {
  const m = LOCALE_TAG.exec(tag);
  if (!m) return false;
  const language = m[1]!.toLowerCase();
  if (!LANGUAGES.has(language)) return false;
  return !(alone && !m[2] && AMBIGUOUS_ALONE.has(language));
}

/** The part of a link that asks for a language other than English (/de-de/, hl=fr), if any. */
export function nonEnglishLocale(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const labels = parsed.hostname.toLowerCase().split(".");
  if (labels.length >= 3 && /^[a-z]{2,3}-[a-z]{2,4}$/.test(labels[0]!) && foreignLocale(labels[0]!, false)) return `${labels[0]}.`;
  for (const raw of parsed.pathname.split("/")) {
    if (raw && foreignLocale(raw, true)) return `/${raw}/`;
  }
  for (const [key, value] of parsed.searchParams) {
    if (LOCALE_PARAMS.has(key.toLowerCase()) && foreignLocale(value, false)) return `${key}=${value}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Words that call for flags

const words = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").match(/[a-z0-9']+/g) ?? [];
const sentences = (text: string) => text.split(/(?<=[.!?;:])\s+/);

/** Where `phrase` (as words) starts in `tokens`, at `from` or after but not after `last`; -1 if nowhere. */
function findPhrase(tokens: string[], phrase: string[], from: number, last = tokens.length): number {
  for (let i = from; i <= last && i + phrase.length <= tokens.length; i++) {
    if (phrase.every((w, j) => tokens[i + j] === w)) return i;
  }
  return -1;
}

/** The first words of `rule` in `text` that are not just after a negation, or undefined. */
export function flagWordsIn(text: string, rule: FlagWordRule, negations: readonly string[]): string | undefined {
  const wanted = rule.words.map(words);
  const after = rule.then?.map(words);
  const negs = negations.map(words);
  const unless = (rule.unless ?? []).map(words);
  for (const sentence of sentences(text)) {
    const tokens = words(sentence);
    if (unless.some((u) => findPhrase(tokens, u, 0) >= 0)) continue;
    for (const phrase of wanted) {
      for (let at = findPhrase(tokens, phrase, 0); at >= 0; at = findPhrase(tokens, phrase, at + 1)) {
        const before = tokens.slice(Math.max(0, at - 3), at);
        if (negs.some((n) => findPhrase(before, n, 0) >= 0)) continue;
        const end = at + phrase.length;
        if (!after) return phrase.join(" ");
        const within = rule.within ?? 4;
        const next = after.find((t) => findPhrase(tokens, t, end, end + within - 1) >= 0);
        if (next) return `${phrase.join(" ")} … ${next.join(" ")}`;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The checks

type Text = { at: FieldPath; text: string };

/** The texts of an item a person reads, each with its place. */
function shownTexts(item: ChecklistItem, index: number): Text[] {
  const at = (...rest: Array<string | number>): FieldPath => ["items", index, ...rest];
  const texts: Text[] = [
    { at: at("title"), text: item.title },
    { at: at("why"), text: item.why },
    ...item.steps.map((text, i) => ({ at: at("steps", i), text })),
  ];
  if (item.notice) texts.push({ at: at("notice"), text: item.notice });
  if (item.help) texts.push({ at: at("help"), text: item.help });
  if (typeof item.path === "string") texts.push({ at: at("path"), text: item.path });
  else for (const [surface, where] of Object.entries(item.path)) if (where) texts.push({ at: at("path", surface), text: where });
  return texts;
}

const fieldName = (at: FieldPath) => at.reduce<string>((out, p) => (typeof p === "number" ? `${out}[${p}]` : out ? `${out}.${p}` : p), "");

function isRealDate(text: string): boolean {
  const full = text.length === 4 ? `${text}-01-01` : text.length === 7 ? `${text}-01` : text;
  const date = new Date(`${full}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === full;
}

/** Every finding for one checklist file's data. */
export function checkContent(checklist: Omit<Checklist, "files">, scope: ContentScope, data: ContentRulesData): ContentFinding[] {
  const findings: ContentFinding[] = [];
  const own = checklist.officialHosts ?? [];
  for (const [i, host] of own.entries()) {
    if (data.copyHosts.some((e) => coveredBy(host, e))) {
      findings.push({ rule: "copy-host", at: ["officialHosts", i], message: `${host} is a copy, proxy or archive site, not a platform's own` });
    }
  }
  checklist.items.forEach((item, index) => findings.push(...checkItem(item, index, own, scope, data)));
  return findings;
}

function checkItem(item: ChecklistItem, index: number, own: readonly string[], scope: ContentScope, data: ContentRulesData): ContentFinding[] {
  const out: ContentFinding[] = [];
  const add = (rule: string, at: FieldPath, message: string) => out.push({ rule, item: item.id, at, message });
  const at = (...rest: Array<string | number>): FieldPath => ["items", index, ...rest];

  // Which hosts this item may send a person to.
  const allowed = new Set([...own, ...(item.thirdParty ?? [])]);
  for (const p of item.appliesTo ?? []) for (const h of scope.platforms.get(p) ?? []) allowed.add(h);
  const isAllowed = (host: string, bare: boolean) => allowed.has(host) || (bare && allowed.has(`www.${host}`));
  const allowHint = `add it to officialHosts if it is the platform's own, or to this item's thirdParty if the item sends people there on purpose`;

  const checkLink = (where: FieldPath, url: string, host: string, bare: boolean, isSource: boolean) => {
    const copy = copyHostOf(bare ? `https://${url}` : url, host, data.copyHosts);
    if (copy) {
      add("copy-host", where, `${copy} is a copy, proxy or archive site: link to the page on the platform's own site (when you read it in a copy, mark the item official-copy)`);
      return;
    }
    // A secondary source is a news or how-to page by definition: the secondary ceiling of the
    // content tests keeps their number down, and the views say it is not the platform's page.
    const exempt = isSource && item.sourceKind === "secondary";
    if (scope.allowlist && !exempt && !isAllowed(host, bare)) {
      add("official-host", where, `${host} is not an official host of this checklist or a third party of this item: ${isSource ? "cite the platform's own page, or " : ""}${allowHint}`);
    }
    // A national service (an item for some countries) often has no English page: its own is cited.
    if (scope.english && !item.countries) {
      const locale = nonEnglishLocale(bare ? `https://${url}` : url);
      if (locale) add("english-page", where, `links to a page in another language (${locale}): use the English page (en, en-us or no language)`);
    }
  };

  const sourceHost = hostOf(item.source);
  if (sourceHost) checkLink(at("source"), item.source, sourceHost, false, true);
  for (const { at: where, text } of shownTexts(item, index)) {
    for (const link of linksIn(text)) checkLink(where, link.text, link.host, link.bare, false);
    const lower = text.toLowerCase();
    const marker = data.provenance.find((p) => lower.includes(p.toLowerCase()));
    if (marker) add("provenance", where, `says "${marker}": pages read for an item go in alsoRead; the text is for the person`);
    const position = data.positions.find((p) => lower.includes(p.toLowerCase()));
    if (position) add("position", where, `says "${position}": a plan shows items in its own order and may leave some out, so name the other item by its title`);
  }
  for (const [i, host] of (item.thirdParty ?? []).entries()) {
    if (data.copyHosts.some((e) => coveredBy(host, e))) add("copy-host", at("thirdParty", i), `${host} is a copy, proxy or archive site, not a third party to send people to`);
  }

  // Where the text was read. No copy's address is kept anywhere, not even in provenance: a
  // person who opens the file could follow it. official-copy says a stored copy was read;
  // sourceCopy, when given, is the platform's own address of the version the text was read in
  // (another language, another address), and alsoRead lists other pages by their own address.
  const copyHost = item.sourceCopy ? hostOf(item.sourceCopy) : undefined;
  const keptCopy = (url: string) => {
    const host = hostOf(url);
    return host ? copyHostOf(url, host, data.copyHosts) : undefined;
  };
  const copyInSource = item.sourceCopy ? keptCopy(item.sourceCopy) : undefined;
  if (copyInSource) {
    add("copy-host", at("sourceCopy"), `${copyInSource} is a copy, proxy or archive site: give the platform's own address of the page the copy showed, or leave sourceCopy out (official-copy says a copy was read)`);
  } else if (item.sourceKind === "official" && copyHost && copyHost !== sourceHost && !allowed.has(copyHost)) {
    add("source-copy", at("sourceKind"), `is official, but sourceCopy says the text was read on ${copyHost}: use official-copy, and keep only the platform's own address in sourceCopy`);
  } else if (scope.allowlist && copyHost && !allowed.has(copyHost)) {
    add("source-copy", at("sourceCopy"), `${copyHost} is not the platform's own site: sourceCopy keeps only the platform's address of the version read (leave it out when that was a copy of the source)`);
  }
  for (const [i, url] of (item.alsoRead ?? []).entries()) {
    const copy = keptCopy(url);
    if (copy) add("copy-host", at("alsoRead", i), `${copy} is a copy, proxy or archive site: list the page by its own address`);
  }
  if (item.sourceCopy && item.sourceCopy === item.source) add("source-copy", at("sourceCopy"), "is the source itself: leave sourceCopy out when you read the page itself");
  if (item.sourceDate !== undefined) {
    if (!isRealDate(item.sourceDate)) add("source-date", at("sourceDate"), "is not a real date");
    else if (item.sourceDate > item.verified) add("source-date", at("sourceDate"), `is after verified (${item.verified}): the page cannot be newer than the day it was read`);
  }

  // Plain words.
  if (scope.english) {
    const grade = readingGrade(whyAndStepsText(item));
    if (grade > MAX_GRADE.whyAndSteps) add("grade-why-steps", at("why"), `why and steps read at grade ${grade.toFixed(1)}: make them ${MAX_GRADE.whyAndSteps} or below (shorter sentences, common words)`);
    const helpGrade = item.help ? readingGrade(item.help) : 0;
    if (helpGrade > MAX_GRADE.help) add("grade-help", at("help"), `reads at grade ${helpGrade.toFixed(1)}: make it ${MAX_GRADE.help} or below (shorter sentences, common words)`);
  }

  // Flags the words call for.
  const flags = new Set(item.flags ?? []);
  if (flags.has("alerts-others") && !item.notice) add("notice", at("flags"), "has alerts-others: say in notice what the other person may see");
  for (const rule of data.flagWords) {
    const texts = [...(rule.in.includes("steps") ? item.steps.map((text, i) => ({ at: at("steps", i), text })) : []), ...(rule.in.includes("notice") && item.notice ? [{ at: at("notice"), text: item.notice }] : [])];
    const missing = rule.flags.filter((f) => !flags.has(f));
    if (missing.length === 0) continue;
    for (const { at: where, text } of texts) {
      const found = flagWordsIn(text, rule, data.negations);
      if (found) {
        add(`flag-${rule.id}`, where, `says "${found}" (${rule.what}): add flags ${missing.join(", ")}`);
        break;
      }
    }
  }
  for (const [i, p] of (item.appliesTo ?? []).entries()) {
    if (!scope.platforms.has(p)) add("applies-to", at("appliesTo", i), `"${p}" is not the id of a platform checklist (see harden list)`);
  }
  return out;
}

/** The known problems of the content tests: "ID: rule", one per item and rule. */
export const findingKey = (f: ContentFinding) => `${f.item ?? "(checklist)"}: ${f.rule}`;

export { fieldName as contentFieldName };
