/** `harden data verify` as text and JSON, and the notice --offline results give for data never verified. */
import { HASH_LENGTH, MODE_NAME, SUFFIX_LENGTH } from "../breach/hash.js";
import { PREFIX_COUNT, PROBLEM_WORDS } from "../breach/hashLines.js";
import type { DataVerification, VerifyProblem } from "../breach/verifyData.js";
import { formatSize } from "../files/regular.js";
import { t } from "../i18n/index.js";
import { formatDecimal, ltr, ltrNumber } from "./locale.js";
import type { CommandResult, OfflineData } from "./results.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";
import { manifestLines } from "./downloadView.js";

type DataVerifyResult = Extract<CommandResult, { kind: "data-verify" }>;

/** A count in words by the language's plural rules: "3 range files". */
const counted = (key: string, count: number) => t(`password:data.${key}`, { count, n: ltrNumber(count) });

/** One problem in plain words, with where it is: "line 12 (byte 500): is out of order (…)". File names are sanitised. */
export function problemText(v: DataVerification, p: VerifyProblem): string {
  const line = p.line === undefined ? undefined : t("password:data.atLine", { line: ltrNumber(p.line) });
  const where = [p.file === undefined ? undefined : ltr(sanitizeLine(p.file)), line].filter(Boolean).join(" ");
  const at = p.offset === undefined ? where : t("password:data.atByte", { where, byte: ltrNumber(p.offset) });
  return t("password:data.problemAt", { at, problem: problemWords(v, p) });
}

function problemWords(v: DataVerification, p: VerifyProblem): string {
  switch (p.kind) {
    case "shape":
      return v.format === "prefix-folder" ? t("password:data.problem.rangeShape", { digits: SUFFIX_LENGTH[v.mode] }) : PROBLEM_WORDS.shape(HASH_LENGTH[v.mode]);
    case "padding":
    case "order":
    case "duplicate":
      return PROBLEM_WORDS[p.kind](HASH_LENGTH[v.mode]);
    case "empty":
      return t("password:data.problem.empty");
    case "unreadable":
      return t("password:data.problem.unreadable", { detail: sanitizeLine(p.detail ?? "error") });
    case "repeated-prefix":
      return t("password:data.problem.repeatedPrefix");
  }
}

function describe(v: DataVerification): string {
  const what = v.format === "sorted-file" ? t("password:data.sortedFile") : counted("folder", v.files ?? 0);
  return t("password:data.describe", { lines: counted("lines", v.lines), mode: MODE_NAME[v.mode], what, size: ltr(formatSize(v.bytes)) });
}

export function dataVerifyText(result: DataVerifyResult, style: Style): string {
  const v = result.verification;
  const path = ltr(sanitizeLine(v.path));
  const verify = ltr(`harden data verify ${sanitizeLine(v.path)}`);
  const out: string[] = [];
  if (v.problemCount === 0) {
    out.push(style.green(`✓ ${t("password:data.sound", { path, what: describe(v), seconds: ltr(formatDecimal(result.seconds)) })}`));
    out.push(`  ${t("password:data.everyLine", { shape: ltr(v.format === "sorted-file" ? "HASH:COUNT" : "SUFFIX:COUNT") })}`);
  } else {
    out.push(style.red(`✗ ${t("password:data.damaged", { path, problems: counted("problems", v.problemCount), what: describe(v) })}`));
    for (const problem of v.problems) out.push(`  ${problemText(v, problem)}`);
    if (v.problemCount > v.problems.length) out.push(`  ${counted("more", v.problemCount - v.problems.length)}`);
    out.push(`  ${t("password:data.damagedNext", { command: verify })}`);
  }
  const gaps = v.missingPrefixes;
  if (gaps.count > 0) {
    const ranges = ltr(gaps.ranges.map(({ from, to }) => (from === to ? from : `${from}-${to}`)).join(", "));
    const rest = gaps.rangeCount - gaps.ranges.length;
    const listed = rest > 0 ? t("password:data.rangesAndMore", { ranges, more: counted("moreRanges", rest) }) : ranges;
    out.push(style.yellow(`! ${t("password:data.gaps", { count: gaps.count, n: ltrNumber(gaps.count), total: ltrNumber(PREFIX_COUNT), ranges: listed })}`));
  }
  out.push(...manifestLines(result, style));
  return `${out.join("\n")}\n`;
}

export function dataVerifyNotes(result: DataVerifyResult): string[] {
  if (result.verification.problemCount > 0) return [];
  if (result.saveError !== undefined) return [t("password:data.notRecordedError", { code: ltr(sanitizeLine(result.saveError)) })];
  if (!result.saved) return [t("password:data.notRecorded", { flag: ltr("--no-save") })];
  return [t("password:data.recorded")];
}

export function dataVerifyJson(result: DataVerifyResult): unknown {
  const v = result.verification;
  return {
    path: v.path,
    format: v.format,
    mode: v.mode,
    sound: v.problemCount === 0,
    bytes: v.bytes,
    lines: v.lines,
    ...(v.files === undefined ? {} : { files: v.files }),
    seconds: Number(result.seconds.toFixed(3)),
    problems: v.problems.map((p) => ({ ...p, message: problemText(v, p) })),
    problemCount: v.problemCount,
    missingPrefixes: v.missingPrefixes,
    saved: result.saved,
    ...(result.manifest && { manifest: { ...result.manifest, sound: result.manifestSound } }),
  };
}

/** For --offline results: one line when the data was never checked in full (or changed since). */
export function offlineNotes(offline: OfflineData | undefined): string[] {
  if (offline === undefined || offline.verified) return [];
  return [t("password:data.neverVerified", { command: ltr(`harden data verify ${sanitizeLine(offline.path)}`) })];
}
