/** Password and export-scan verdicts as text and JSON. Never a password: entries are named by line, site and (masked) user name. */
import { breachJson, isWeak, maskUsername, type PasswordVerdict, type VerdictSummary } from "../core/passwordVerdict.js";
import { t } from "../i18n/index.js";
import { STRENGTH_MAX_CHARS } from "../input/limits.js";
import type { StrengthVerdict } from "../strength/scorer.js";
import type { CommandResult, OfflineData, ScanEntry } from "./results.js";
import { andList, listSeparator, ltr, ltrNumber } from "./locale.js";
import { actionJson, actionListText } from "./actionListView.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";

type PasswordResult = Extract<CommandResult, { kind: "password" }>;
type ScanResult = Extract<CommandResult, { kind: "scan" }>;

/** A score's word in the language of this run: 0 "very weak" … 4 "strong". */
export const scoreWord = (score: number) => t(`password:score.${score}`);

/** A score in the colour of its level: 0-1 red, 2 (fair) yellow, 3-4 green. */
const scoreColour = (score: number, style: Style) => (score <= 1 ? style.red : score === 2 ? style.yellow : style.green);

const truncatedNote = () => t("password:strength.truncated", { max: ltrNumber(STRENGTH_MAX_CHARS) });

const strengthJson = (s: StrengthVerdict | undefined) =>
  s
    ? { score: s.score, guessesLog10: s.guessesLog10, crackTimeOffline: s.crackTimeOffline, crackTimeOnline: s.crackTimeOnline, warning: s.warning, suggestions: s.suggestions, truncated: s.truncated }
    : null;

/** With --offline only: which data answered and whether it was verified in full. */
const offlineJson = (offline: OfflineData | undefined) => (offline === undefined ? {} : { offline: { path: offline.path, verified: offline.verified } });
/** Online with --decoys only: how many random prefixes went with each real one. */
const decoysJson = (decoys: number | undefined) => (decoys ? { decoys } : {});

export function passwordJson(result: PasswordResult): unknown {
  return {
    results: result.results.map((r) => ({ line: r.line, breach: breachJson(r.breach), strength: strengthJson(r.strength) })),
    summary: result.summary,
    ...offlineJson(result.offline),
    ...decoysJson(result.decoys),
  };
}

export function scanJson(result: ScanResult): unknown {
  return {
    file: result.file,
    format: result.format,
    entries: result.entries.map((e) => ({
      line: e.line,
      name: e.name,
      url: e.url,
      username: result.showUsernames ? e.username : maskUsername(e.username),
      hasPassword: e.hasPassword,
      breach: breachJson(e.breach),
      strength: strengthJson(e.strength),
      reusedBy: e.reusedBy,
      reuseGroup: e.reuseGroup,
      ...actionJson(e, result),
    })),
    skipped: result.skipped,
    summary: result.summary,
    sites: result.sites,
    ...offlineJson(result.offline),
    ...decoysJson(result.decoys),
  };
}

function breachLines(v: PasswordVerdict, style: Style): string[] {
  const b = v.breach;
  if (!b) return [];
  if (b.status === "found") {
    return [style.red(`✗ ${t("password:breach.found", { count: b.count, n: ltrNumber(b.count) })}`)];
  }
  if (b.status === "not-found") return [style.green(`✓ ${t("password:breach.notFound")}`)];
  return [style.yellow(`? ${t("password:breach.unknown", { reason: sanitizeLine(b.reason) })}`)];
}

function strengthLines(v: PasswordVerdict, minScore: number, style: Style): string[] {
  const s = v.strength;
  if (!s) return [];
  const strength = t("password:strength.score", { score: ltr(String(s.score)), words: scoreWord(s.score) });
  const out = [
    `${scoreColour(s.score, style)(`${isWeak(v, minScore) ? "✗" : "✓"} ${strength}`)} ${t("password:strength.guess", { offline: s.crackTimeOffline, online: s.crackTimeOnline })}`,
  ];
  if (s.truncated) out.push(`  ${truncatedNote()}`);
  if (s.warning) out.push(`  ${t("password:strength.warning", { text: s.warning })}`);
  for (const tip of s.suggestions) out.push(`  ${t("password:strength.tip", { text: tip })}`);
  return out;
}

function summaryLine(summary: VerdictSummary, withBreach: boolean, withStrength: boolean): string {
  const part = (key: string, count: number) => t(`password:summary.${key}`, { count, n: ltrNumber(count) });
  const parts = [part("checked", summary.checked)];
  if (withBreach) parts.push(part("found", summary.found), part("notFound", summary.notFound), part("unknown", summary.unknown));
  if (withStrength) parts.push(part("weak", summary.weak));
  return t("password:summary.line", { parts: parts.join(listSeparator()) });
}

/** What to do when some lookups gave no answer: it depends on where the answers came from. */
function couldNotCheckHint(offline: OfflineData | undefined): string {
  if (offline === undefined) return t("password:couldNotCheck.online", { flag: ltr("--offline FILE") });
  return t("password:couldNotCheck.offline", { command: ltr(`harden data verify ${sanitizeLine(offline.path)}`) });
}

export function passwordText(result: PasswordResult, style: Style): string {
  const out: string[] = [];
  const withBreach = result.results.some((r) => r.breach);
  const withStrength = result.results.some((r) => r.strength);
  for (const r of result.results) {
    out.push(style.bold(result.interactive ? t("password:yourPassword") : t("password:line", { line: ltrNumber(r.line) })));
    for (const line of [...breachLines(r, style), ...strengthLines(r, result.minScore, style)]) out.push(`  ${line}`);
    out.push("");
  }
  if (result.where) out.push(style.dim(t("password:whereOnline", { where: sanitizeLine(result.where) })));
  if (result.decoys) out.push(style.dim(t("password:decoysUsed", { count: result.decoys, n: ltrNumber(result.decoys) })));
  if (!result.interactive) out.push(summaryLine(result.summary, withBreach, withStrength));
  if (result.summary.unknown > 0) out.push(style.yellow(couldNotCheckHint(result.offline)));
  return `${out.join("\n")}\n`;
}

export function scanText(result: ScanResult, style: Style): string {
  const out: string[] = [style.bold(t("password:scan.header", { file: ltr(sanitizeLine(result.file)), format: ltr(result.format), count: result.summary.entries, n: ltrNumber(result.summary.entries) }))];
  const groups = new Map<number, ScanEntry[]>();
  for (const e of result.entries) if (e.reuseGroup !== null) (groups.get(e.reuseGroup) ?? groups.set(e.reuseGroup, []).get(e.reuseGroup)!).push(e);
  for (const e of result.entries) {
    const who = result.showUsernames ? e.username : maskUsername(e.username);
    const label = [e.name, e.url, who].map((x) => sanitizeLine(x)).filter(Boolean).map(ltr).join(" · ") || t("password:scan.noName");
    const line = ltrNumber(e.line);
    if (!e.hasPassword) {
      out.push(`  ${t("password:scan.entry", { line, label, verdict: style.dim(t("password:scan.noPassword")) })}`);
      continue;
    }
    const bits: string[] = [];
    if (e.breach?.status === "found") bits.push(style.red(t("password:scan.found", { n: ltrNumber(e.breach.count) })));
    else if (e.breach?.status === "not-found") bits.push(style.green(t("password:scan.notFound")));
    else if (e.breach?.status === "unknown") bits.push(style.yellow(t("password:scan.unknown")));
    if (e.strength) {
      const score = ltr(`${e.strength.score}/4`);
      const words = e.strength.truncated
        ? t("password:scan.scoreTruncated", { words: scoreWord(e.strength.score), score, max: ltrNumber(STRENGTH_MAX_CHARS) })
        : t("password:scan.score", { words: scoreWord(e.strength.score), score });
      // Under the NIST length (15, or 8 with two-factor) it is too short whatever its score: say that, not "too weak: strong".
      const verdict = e.tooShort ? t("password:scan.tooShort", { words, min: ltrNumber(e.tooShort.minimum) }) : isWeak(e, result.minScore) ? t("password:scan.tooWeak", { words }) : words;
      bits.push((e.tooShort ? style.yellow : scoreColour(e.strength.score, style))(verdict));
    }
    if (e.reuseGroup !== null) bits.push(style.yellow(t("password:scan.samePassword", { others: sharedWith(e, groups.get(e.reuseGroup) ?? [], result.showUsernames) })));
    out.push(`  ${t("password:scan.entry", { line, label, verdict: bits.join(listSeparator()) })}`);
  }
  for (const skip of result.skipped) out.push(style.yellow(`  ${t("password:scan.skipped", { line: ltrNumber(skip.line), reason: sanitizeLine(skip.reason) })}`));
  const s = result.summary;
  out.push("");
  if (result.where) out.push(style.dim(t("password:where", { where: sanitizeLine(result.where) })));
  if (result.decoys) out.push(style.dim(t("password:decoysUsed", { count: result.decoys, n: ltrNumber(result.decoys) })));
  out.push(summaryLine(s, result.entries.some((e) => e.breach), result.entries.some((e) => e.strength)));
  out.push(
    t("password:scan.counts", {
      withoutPassword: t("password:scan.withoutPassword", { count: s.withoutPassword, n: ltrNumber(s.withoutPassword) }),
      reused: t("password:scan.reused", { count: s.reused, n: ltrNumber(s.reused) }),
    }),
  );
  if (s.unknown > 0) out.push(style.yellow(t("password:scan.someUnknown")));
  out.push(actionListText(result, style));
  out.push(style.bold(deleteReminder(result.file)));
  return `${out.join("\n")}\n`;
}

/** The export holds every password in plain text: the scan ends by saying to delete it. */
const deleteReminder = (file: string) => (file === "-" ? t("password:scan.deleteStdin") : t("password:scan.deleteFile", { file: ltr(sanitizeLine(file)) }));

/** At most this many other entries are named; the rest are counted. */
const SHARED_NAMED = 3;

/** The other entries that use the same password, by line and name: "line 4 (facebook.com), line 9 (Google) and 2 more others". */
function sharedWith(entry: ScanEntry, group: readonly ScanEntry[], showUsernames: boolean): string {
  const others: string[] = [];
  let more = 0;
  for (const other of group) {
    if (other === entry) continue;
    if (others.length === SHARED_NAMED) {
      more++;
      continue;
    }
    const label = [other.name, other.url, showUsernames ? other.username : maskUsername(other.username)].map((x) => sanitizeLine(x)).find(Boolean);
    const line = ltrNumber(other.line);
    others.push(label ? t("password:scan.otherNamed", { line, label: ltr(label) }) : t("password:scan.other", { line }));
  }
  return andList(more > 0 ? [...others, t("password:scan.more", { count: more, n: ltrNumber(more) })] : others);
}
