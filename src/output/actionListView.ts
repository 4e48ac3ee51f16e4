/**
 * The scan's action list: each entry's next step in plain words, most urgent first, as terminal
 * text (after the scan's lines), JSON fields, and a printable Markdown or HTML page a person can
 * keep. Entries are named by title, site and (masked) user name only: never a password, never a
 * one-time-code secret, never a full URL (a query string can carry a token).
 */
import { actionOrder, type NextStep } from "../core/actionList.js";
import { maskUsername } from "../core/passwordVerdict.js";
import { currentLanguage, isRightToLeft, t } from "../i18n/index.js";
import type { SiteSource, TwoFactorMethod } from "../sites/site.js";
import { htmlText, htmlUrl, markdownText, markdownUrl, safeLinkUrl } from "./escape.js";
import type { CommandResult, Paper, ScanEntry } from "./results.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";
import { wrap } from "./wrap.js";

type ScanResult = Extract<CommandResult, { kind: "scan" }>;

/** Accounts on one printed sheet: room to read each step and tick it off. */
export const ACCOUNTS_PER_PAGE = 4;

/** A Latin run (domain, URL, number) kept in its own direction inside Arabic on a terminal (U+2066 … U+2069). */
const isolate = (text: string) => (isRightToLeft(currentLanguage()) && text !== "" ? `\u2066${text}\u2069` : text);

/** A list of names in the language's own way ("a, b and c"). */
const listOf = (items: string[]) => new Intl.ListFormat(currentLanguage(), { type: "conjunction" }).format(items);

/** The host of an entry's first URL, for naming an entry no site matched; never its path or query. */
function hostOf(url: string): string {
  const first = url.split(",")[0]!.trim();
  if (first === "") return "";
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(first) ? first : `https://${first}`).hostname;
  } catch {
    return "";
  }
}

const userOf = (e: ScanEntry, showUsernames: boolean) => sanitizeLine(showUsernames ? e.username : maskUsername(e.username));

/** Name, site and user name, each cleaned for the screen; what the person sees to find the entry. */
function parts(e: ScanEntry, showUsernames: boolean): { name: string; site: string; user: string } {
  // The host as the export has it (accounts.google.com) is what the person knows; an app id is not.
  const site = e.site ? (e.site.by === "url" ? e.site.host.replace(/^www\./, "") : e.site.domain) : hostOf(e.url);
  return {
    name: sanitizeLine(e.name || e.site?.name || ""),
    site: sanitizeLine(site),
    user: userOf(e, showUsernames),
  };
}

function label(e: ScanEntry, showUsernames: boolean): string {
  const { name, site, user } = parts(e, showUsernames);
  return [name, isolate(site), isolate(user)].filter(Boolean).join(" · ") || t("sites:list.noName");
}

const same = (text: string) => text;

/** "line 4 (Google)" for each other entry sharing the password; `iso` isolates the Latin runs on a terminal. */
function places(step: NextStep, entries: readonly ScanEntry[], showUsernames: boolean, iso: (text: string) => string): string {
  const byLine = new Map(entries.map((e) => [e.line, e]));
  return listOf(
    (step.alsoAt ?? []).map((line) => {
      const other = byLine.get(line);
      const { name, site } = other ? parts(other, showUsernames) : { name: "", site: "" };
      const what = name || site;
      return what ? t("sites:list.place", { line: iso(String(line)), label: iso(what) }) : t("sites:list.line", { line: iso(String(line)) });
    }),
  );
}

/** The next step in words: one or two sentences, each one message of the catalogue. */
export function nextStepText(e: ScanEntry, entries: readonly ScanEntry[], showUsernames: boolean, iso: (text: string) => string = same): string {
  const step = e.nextStep;
  const also = step.alsoAt?.length ? [t("sites:step.alsoUsed", { count: step.alsoAt.length, places: places(step, entries, showUsernames, iso) })] : [];
  // Said after the step: two-factor already on, or the breach lookup gave no answer.
  const after = [...(e.twoFactor.enabled ? [t("sites:step.totpOn")] : []), ...(step.unchecked ? [t("sites:step.checkAgain")] : [])];
  switch (step.code) {
    case "change-breached":
      return [t("sites:step.changeBreached"), ...also, ...after].join(" ");
    case "change-reused":
      return [t("sites:step.changeReused"), ...also, ...after].join(" ");
    case "change-weak":
      if (step.minimum === undefined) return [t("sites:step.changeWeak"), ...after].join(" ");
      return [t(e.twoFactor.enabled ? "sites:step.changeShortWithTwoFactor" : "sites:step.changeShort", { minimum: step.minimum }), ...after].join(" ");
    case "check-again":
      return [t("sites:step.checkAgain"), ...(e.twoFactor.enabled ? [t("sites:step.totpOn")] : [])].join(" ");
    case "turn-on-two-factor":
      return [t(`sites:step.twoFactor.${step.prefer ?? "sms"}`), ...after].join(" ");
    case "add-passkey":
      return [t("sites:step.addPasskey"), ...after].join(" ");
    case "none":
      return e.twoFactor.enabled ? t("sites:step.totpOnNothing") : t("sites:step.none");
  }
}

/** Where to read how: the two-factor page for two-factor steps, the passkey page for passkeys. */
function howTo(e: ScanEntry): string | undefined {
  if (e.nextStep.code === "turn-on-two-factor") return e.twoFactor.documentation ?? undefined;
  if (e.nextStep.code === "add-passkey") return e.passkeys?.documentation ?? undefined;
  return undefined;
}

const methodNames = (methods: readonly TwoFactorMethod[]) => listOf(methods.map((m) => t(`sites:method.${m}`)));

/** The fields a scan adds to each entry's JSON (the names and codes are for programs; `text` is in the language). */
export function actionJson(e: ScanEntry, result: ScanResult): Record<string, unknown> {
  return {
    site: e.site ? { domain: e.site.domain, name: e.site.name, matched: e.site.host, by: e.site.by } : null,
    twoFactor: e.twoFactor,
    passkeys: e.passkeys,
    nextStep: { ...e.nextStep, text: nextStepText(e, result.entries, result.showUsernames) },
  };
}

/** One line crediting the directories, as the scan's help, text and report footer say it. */
function creditLine(sources: readonly SiteSource[]): string {
  const twofa = sources.find((s) => s.id === "2fa.directory");
  return twofa?.file !== undefined ? t("sites:credits.from", { file: isolate(sanitizeLine(twofa.file)) }) : t("sites:credits.line");
}

/** The action list after the scan's own lines (the one-line hook in scanText). */
export function actionListText(result: ScanResult, style: Style): string {
  const order = actionOrder(result.entries.map((e) => e.nextStep));
  const out = ["", style.bold(t("sites:list.heading"))];
  if (order.length === 0) out.push(`  ${t("sites:list.nothing")}`);
  order.forEach((i, n) => {
    const e = result.entries[i]!;
    const step = nextStepText(e, result.entries, result.showUsernames, isolate);
    out.push(wrap(t("sites:list.item", { n: isolate(String(n + 1)), label: label(e, result.showUsernames), step }), 80, "  ", "     "));
    const how = howTo(e);
    if (how) out.push(`     ${style.dim(t("sites:list.how", { url: isolate(sanitizeLine(how)) }))}`);
  });
  if (order.length > 0) out.push(style.yellow(wrap(t("sites:safety"), 80, "", "")));
  out.push(style.dim(wrap(creditLine(result.sites), 80, "", "")));
  return out.join("\n");
}

/** The groups a printed list is cut into, in order; each heading says what its accounts need. */
function groups(result: ScanResult): Array<{ code: NextStep["code"]; entries: ScanEntry[] }> {
  const out: Array<{ code: NextStep["code"]; entries: ScanEntry[] }> = [];
  for (const i of actionOrder(result.entries.map((e) => e.nextStep))) {
    const e = result.entries[i]!;
    const last = out.at(-1);
    if (last?.code === e.nextStep.code) last.entries.push(e);
    else out.push({ code: e.nextStep.code, entries: [e] });
  }
  return out;
}

/** One message and its values, so each format can mark the values (HTML keeps a Latin value in its own direction). */
interface Message {
  key: string;
  values?: Record<string, string>;
}

/** A message as HTML: escaped whole, then each value put in a <bdi>, so a domain or user name reads right in Arabic. */
function htmlMessage({ key, values = {} }: Message): string {
  let out = htmlText(t(key, Object.fromEntries(Object.keys(values).map((name) => [name, `§§${name}§§`]))));
  for (const [name, value] of Object.entries(values)) out = out.replace(`§§${name}§§`, `<bdi>${htmlText(value)}</bdi>`);
  return out;
}

/** The facts under a step: site, user name, two-factor on or offered, passkeys. */
function facts(e: ScanEntry, showUsernames: boolean): Message[] {
  const { site, user } = parts(e, showUsernames);
  const out: Message[] = [];
  if (site) out.push({ key: "sites:report.site", values: { site } });
  if (user) out.push({ key: "sites:report.username", values: { name: user } });
  if (e.twoFactor.enabled) out.push({ key: "sites:report.twoFactorOn" });
  else if (e.twoFactor.methods?.length) out.push({ key: "sites:report.methods", values: { methods: methodNames(e.twoFactor.methods) } });
  if (e.passkeys?.passwordless || e.passkeys?.mfa) out.push({ key: e.passkeys.passwordless ? "sites:report.passkeysPasswordless" : "sites:report.passkeysMfa" });
  return out;
}

/** The scan's day in the language's own words ("2 December 2026"): an ISO date reads backwards in Arabic. */
const dated = (result: ScanResult) => new Intl.DateTimeFormat(currentLanguage(), { dateStyle: "long", timeZone: "UTC" }).format(new Date(result.scannedAt));

export function actionListMarkdown(result: ScanResult): string {
  const out = [`# ${markdownText(t("sites:report.title"))}`, "", markdownText(t("sites:report.intro", { date: dated(result) })), "", `> ${markdownText(t("sites:safety"))}`, ""];
  let n = 0;
  for (const group of groups(result)) {
    out.push(`## ${markdownText(t(`sites:group.${group.code}`))}`, "");
    for (const e of group.entries) {
      n++;
      const { name, site } = parts(e, result.showUsernames);
      out.push(`### ${n}. ${markdownText(name || site || t("sites:list.noName"))}`, "");
      out.push(`- [ ] ${markdownText(nextStepText(e, result.entries, result.showUsernames))}`);
      for (const fact of facts(e, result.showUsernames)) out.push(`- ${markdownText(t(fact.key, fact.values))}`);
      const how = howTo(e);
      if (how) out.push(`- ${markdownText(t("sites:report.how"))} ${markdownUrl(how)}`);
      out.push("");
    }
  }
  if (n === 0) out.push(markdownText(t("sites:list.nothing")), "");
  out.push("---", "", footer(result.sites, markdownText, (text, url) => (safeLinkUrl(url) ? `[${markdownText(text)}](${safeLinkUrl(url)})` : markdownText(text))), "");
  return out.join("\n");
}

/** The credits, with links, in either format: both licences ask for the name and a link. */
function footer(sources: readonly SiteSource[], escape: (text: string) => string, link: (text: string, url: string) => string): string {
  const [twofa, passkeys] = [sources.find((s) => s.id === "2fa.directory"), sources.find((s) => s.id === "passkeys.directory")];
  // The message is escaped whole, then its placeholders become links: nothing unescaped gets in.
  const credit = (s: SiteSource | undefined) => {
    if (!s) return "";
    const text = escape(t("sites:credits.source", { name: "§§name§§", licence: "§§licence§§", commit: s.commit?.slice(0, 12) ?? sanitizeLine(s.file ?? "") }));
    return text.replace("§§name§§", link(s.id, s.home)).replace("§§licence§§", link(s.licence, s.licenceUrl));
  };
  return `${escape(t("sites:credits.heading"))} ${credit(twofa)} ${credit(passkeys)} ${escape(t("sites:credits.harden"))}`;
}

const PAGE_SIZES: Record<Paper, string> = { a4: "A4", letter: "letter" };

const CSS = `
body { font: 11pt/1.35 Georgia, "Times New Roman", serif; color: #000; background: #fff; max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 16pt; margin: 0 0 0.3em; } h2 { font-size: 12.5pt; border-bottom: 1.5pt solid #000; margin: 0.8em 0 0.3em; }
h3 { font-size: 11.5pt; margin: 0 0 0.2em; }
.safety { border: 1.5pt solid #000; padding: 0.3em 0.6em; font-size: 10pt; }
.account { break-inside: avoid; page-break-inside: avoid; border: 1pt solid #000; padding: 0.5em 0.7em; margin: 0.6em 0; }
.step { font-size: 11.5pt; margin: 0.2em 0 0.3em; display: flex; gap: 0.5em; align-items: flex-start; }
.step input { width: 1.1em; height: 1.1em; margin: 0.15em 0 0; flex: none; }
.facts { font-size: 9.5pt; margin: 0; padding-inline-start: 1.2em; } .how { font-size: 9.5pt; word-break: break-all; }
.done { font-size: 9.5pt; margin-top: 0.4em; }
.sheet + .sheet { break-before: page; page-break-before: always; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
footer { font-size: 8.5pt; border-top: 1pt solid #000; margin-top: 1em; padding-top: 0.3em; }
a { color: #000; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
`;

/** A printable page: a few accounts per sheet, most urgent first, each with a box to tick. */
export function actionListHtml(result: ScanResult): string {
  const lang = currentLanguage();
  const sheets: string[][] = [];
  let n = 0;
  for (const group of groups(result)) {
    let heading = `<h2>${htmlText(t(`sites:group.${group.code}`))}</h2>`;
    for (const e of group.entries) {
      if (n % ACCOUNTS_PER_PAGE === 0) sheets.push([]);
      n++;
      const { name, site } = parts(e, result.showUsernames);
      const how = howTo(e);
      const card = [
        `<div class="account">`,
        `<h3><bdi>${n}.</bdi> <bdi>${htmlText(name || site || t("sites:list.noName"))}</bdi></h3>`,
        `<p class="step"><input type="checkbox" aria-label="${htmlText(t("sites:report.doneLabel"))}"><span>${htmlText(nextStepText(e, result.entries, result.showUsernames))}</span></p>`,
        `<ul class="facts">${facts(e, result.showUsernames).map((f) => `<li>${htmlMessage(f)}</li>`).join("")}</ul>`,
        how ? `<p class="how">${htmlText(t("sites:report.how"))} <bdi>${htmlUrl(how)}</bdi></p>` : "",
        `<p class="done">${htmlText(t("sites:report.doneOn"))} ____________</p>`,
        `</div>`,
      ];
      sheets.at(-1)!.push(heading + card.join(""));
      heading = "";
    }
  }
  const intro = `<h1>${htmlText(t("sites:report.title"))}</h1><p>${htmlMessage({ key: "sites:report.intro", values: { date: dated(result) } })}</p><p class="safety">${htmlText(t("sites:safety"))}</p>`;
  if (sheets.length === 0) sheets.push([`<p>${htmlText(t("sites:list.nothing"))}</p>`]);
  sheets[0]!.unshift(intro);
  const body = sheets.map((s) => `<section class="sheet">\n${s.join("\n")}\n</section>`).join("\n");
  const foot = `<footer>${footer(result.sites, htmlText, (text, url) => (safeLinkUrl(url) ? `<a href="${htmlText(safeLinkUrl(url)!)}">${htmlText(text)}</a>` : htmlText(text)))}</footer>`;
  return `<!doctype html>
<html lang="${lang}" dir="${isRightToLeft(lang) ? "rtl" : "ltr"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(t("sites:report.title"))}</title>
<style>@page { size: ${PAGE_SIZES[result.paper ?? "a4"]}; margin: 12mm 14mm; }${CSS}</style>
</head>
<body>
${body}
${foot}
</body>
</html>
`;
}
