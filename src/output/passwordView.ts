/** Password and export-scan verdicts as text and JSON. Never a password: entries are named by line, site and (masked) user name. */
import { breachJson, isWeak, maskUsername, type PasswordVerdict, type VerdictSummary } from "../core/passwordVerdict.js";
import { STRENGTH_MAX_CHARS } from "../input/limits.js";
import type { StrengthVerdict } from "../strength/scorer.js";
import type { CommandResult, OfflineData, ScanEntry } from "./results.js";
import { actionJson, actionListText } from "./actionListView.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";

type PasswordResult = Extract<CommandResult, { kind: "password" }>;
type ScanResult = Extract<CommandResult, { kind: "scan" }>;

export const SCORE_WORDS = ["very weak", "weak", "fair", "good", "strong"] as const;

/** A score in the colour of its level: 0-1 red, 2 (fair) yellow, 3-4 green. */
const scoreColour = (score: number, style: Style) => (score <= 1 ? style.red : score === 2 ? style.yellow : style.green);

const TRUNCATED_NOTE = `Strength is scored on the first ${STRENGTH_MAX_CHARS} characters; the breach check used the whole password.`;

const strengthJson = (s: StrengthVerdict | undefined) =>
  s
    ? { score: s.score, guessesLog10: s.guessesLog10, crackTimeOffline: s.crackTimeOffline, crackTimeOnline: s.crackTimeOnline, warning: s.warning, suggestions: s.suggestions, truncated: s.truncated }
    : null;

/** With --offline only: which data answered and whether it was verified in full. */
const offlineJson = (offline: OfflineData | undefined) => (offline === undefined ? {} : { offline: { path: offline.path, verified: offline.verified } });

export function passwordJson(result: PasswordResult): unknown {
  return {
    results: result.results.map((r) => ({ line: r.line, breach: breachJson(r.breach), strength: strengthJson(r.strength) })),
    summary: result.summary,
    ...offlineJson(result.offline),
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
  };
}

function breachLines(v: PasswordVerdict, style: Style): string[] {
  const b = v.breach;
  if (!b) return [];
  if (b.status === "found") {
    return [style.red(`✗ Found in breach data: seen ${b.count.toLocaleString("en-US")} time${b.count === 1 ? "" : "s"}. Stop using this password, and change it everywhere you used it.`)];
  }
  if (b.status === "not-found") return [style.green("✓ Not found in the breach data.")];
  return [style.yellow(`? Could not check for breaches: ${sanitizeLine(b.reason)}. This does NOT mean it is safe.`)];
}

function strengthLines(v: PasswordVerdict, minScore: number, style: Style): string[] {
  const s = v.strength;
  if (!s) return [];
  const words = `${s.score} of 4 (${SCORE_WORDS[s.score]})`;
  const out = [
    `${scoreColour(s.score, style)(`${isWeak(v, minScore) ? "✗" : "✓"} Strength: ${words}.`)} Someone with a stolen password list could guess it in ${s.crackTimeOffline}; guessing at a login page would take ${s.crackTimeOnline}.`,
  ];
  if (s.truncated) out.push(`  ${TRUNCATED_NOTE}`);
  if (s.warning) out.push(`  Warning: ${s.warning}`);
  for (const tip of s.suggestions) out.push(`  Tip: ${tip}`);
  return out;
}

function summaryLine(summary: VerdictSummary, withBreach: boolean, withStrength: boolean): string {
  const parts = [`${summary.checked} checked`];
  if (withBreach) parts.push(`${summary.found} found in breaches`, `${summary.notFound} not found`, `${summary.unknown} could not be checked`);
  if (withStrength) parts.push(`${summary.weak} too weak`);
  return `Summary: ${parts.join(", ")}.`;
}

/** What to do when some lookups gave no answer: it depends on where the answers came from. */
function couldNotCheckHint(offline: OfflineData | undefined): string {
  if (offline === undefined) return "Some passwords could not be checked: try again later, or use --offline FILE with downloaded breach data.";
  return `Some passwords could not be checked in the offline data: run harden data verify ${sanitizeLine(offline.path)}, and download the data again if it is damaged or incomplete.`;
}

export function passwordText(result: PasswordResult, style: Style): string {
  const out: string[] = [];
  const withBreach = result.results.some((r) => r.breach);
  const withStrength = result.results.some((r) => r.strength);
  for (const r of result.results) {
    out.push(style.bold(result.interactive ? "Your password" : `Line ${r.line}`));
    for (const line of [...breachLines(r, style), ...strengthLines(r, result.minScore, style)]) out.push(`  ${line}`);
    out.push("");
  }
  if (result.where) out.push(style.dim(`Breach data: ${sanitizeLine(result.where)}. Only the first 5 characters of each password's hash leave this computer, if any.`));
  if (!result.interactive) out.push(summaryLine(result.summary, withBreach, withStrength));
  if (result.summary.unknown > 0) out.push(style.yellow(couldNotCheckHint(result.offline)));
  return `${out.join("\n")}\n`;
}

export function scanText(result: ScanResult, style: Style): string {
  const out: string[] = [style.bold(`${sanitizeLine(result.file)} (${result.format}): ${result.summary.entries} entries`)];
  const groups = new Map<number, ScanEntry[]>();
  for (const e of result.entries) if (e.reuseGroup !== null) (groups.get(e.reuseGroup) ?? groups.set(e.reuseGroup, []).get(e.reuseGroup)!).push(e);
  for (const e of result.entries) {
    const who = result.showUsernames ? e.username : maskUsername(e.username);
    const label = [e.name, e.url, who].map((x) => sanitizeLine(x)).filter(Boolean).join(" · ") || "(no name)";
    if (!e.hasPassword) {
      out.push(`  line ${e.line}: ${label}: ${style.dim("no password")}`);
      continue;
    }
    const bits: string[] = [];
    if (e.breach?.status === "found") bits.push(style.red(`in breaches (${e.breach.count.toLocaleString("en-US")})`));
    else if (e.breach?.status === "not-found") bits.push(style.green("not in breaches"));
    else if (e.breach?.status === "unknown") bits.push(style.yellow("breaches: could not check"));
    if (e.strength) {
      const words = `${SCORE_WORDS[e.strength.score]} (${e.strength.score}/4${e.strength.truncated ? `, first ${STRENGTH_MAX_CHARS} characters` : ""})`;
      bits.push(scoreColour(e.strength.score, style)(isWeak(e, result.minScore) ? `too weak: ${words}` : words));
    }
    if (e.reuseGroup !== null) bits.push(style.yellow(`same password as ${sharedWith(e, groups.get(e.reuseGroup) ?? [], result.showUsernames)}`));
    out.push(`  line ${e.line}: ${label}: ${bits.join(", ")}`);
  }
  for (const skip of result.skipped) out.push(style.yellow(`  line ${skip.line}: skipped: ${sanitizeLine(skip.reason)}`));
  const s = result.summary;
  out.push("");
  if (result.where) out.push(style.dim(`Breach data: ${sanitizeLine(result.where)}.`));
  out.push(summaryLine(s, result.entries.some((e) => e.breach), result.entries.some((e) => e.strength)));
  out.push(`${s.withoutPassword} entr${s.withoutPassword === 1 ? "y has" : "ies have"} no password; ${s.reused} use${s.reused === 1 ? "s" : ""} a password that another entry also uses.`);
  if (s.unknown > 0) out.push(style.yellow("Some passwords could not be checked. This does NOT mean they are safe."));
  out.push(actionListText(result, style));
  out.push(style.bold(deleteReminder(result.file)));
  return `${out.join("\n")}\n`;
}

/** The export holds every password in plain text: the scan ends by saying to delete it. */
const deleteReminder = (file: string) =>
  `Now delete the export${file === "-" ? "" : ` (${sanitizeLine(file)})`}, and empty the trash: it holds all your passwords in plain text.`;

/** At most this many other entries are named; the rest are counted. */
const SHARED_NAMED = 3;

/** The other entries that use the same password, by line and name: "line 4 (facebook.com), line 9 (Google) and 2 more". */
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
    others.push(label ? `line ${other.line} (${label})` : `line ${other.line}`);
  }
  const named = others.length > 1 ? `${others.slice(0, -1).join(", ")}${more ? `, ${others.at(-1)}` : ` and ${others.at(-1)}`}` : others.join("");
  return more > 0 ? `${named} and ${more} more` : named;
}
