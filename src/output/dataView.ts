/** `harden data verify` as text and JSON, and the notice --offline results give for data never verified. */
import { HASH_LENGTH, MODE_NAME, SUFFIX_LENGTH } from "../breach/hash.js";
import { PREFIX_COUNT, PROBLEM_WORDS } from "../breach/hashLines.js";
import type { DataVerification, VerifyProblem } from "../breach/verifyData.js";
import { formatSize } from "../files/regular.js";
import type { CommandResult, OfflineData } from "./results.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";
import { manifestLines } from "./downloadView.js";

type DataVerifyResult = Extract<CommandResult, { kind: "data-verify" }>;

const number = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;

/** One problem in plain words, with where it is: "line 12 (byte 500): is out of order (…)". */
export function problemText(v: DataVerification, p: VerifyProblem): string {
  const where = [p.file, p.line === undefined ? undefined : `line ${number(p.line)}`].filter(Boolean).join(" ");
  const at = p.offset === undefined ? where : `${where} (byte ${number(p.offset)})`;
  return `${at}: ${problemWords(v, p)}`;
}

function problemWords(v: DataVerification, p: VerifyProblem): string {
  switch (p.kind) {
    case "shape":
      return v.format === "prefix-folder"
        ? `is not SUFFIX:COUNT with a ${SUFFIX_LENGTH[v.mode]}-digit suffix`
        : PROBLEM_WORDS.shape(HASH_LENGTH[v.mode]);
    case "padding":
    case "order":
    case "duplicate":
      return PROBLEM_WORDS[p.kind](HASH_LENGTH[v.mode]);
    case "empty":
      return "is empty (every real prefix has hashes)";
    case "unreadable":
      return `could not be read (${p.detail ?? "error"})`;
    case "repeated-prefix":
      return "is a second file for the same prefix (names that differ only in case)";
  }
}

function describe(v: DataVerification): string {
  const what = v.format === "sorted-file" ? "a sorted file" : `a folder of ${plural(v.files ?? 0, "range file", "range files")}`;
  return `${plural(v.lines, "line", "lines")} of ${MODE_NAME[v.mode]} hashes (${what}, ${formatSize(v.bytes)})`;
}

export function dataVerifyText(result: DataVerifyResult, style: Style): string {
  const v = result.verification;
  const path = sanitizeLine(v.path);
  const out: string[] = [];
  if (v.problemCount === 0) {
    out.push(style.green(`✓ The breach data at ${path} is sound: ${describe(v)}, checked in ${result.seconds.toFixed(1)} s.`));
    out.push(`  Every line is ${v.format === "sorted-file" ? "HASH" : "SUFFIX"}:COUNT, in order, with no hash twice and no count of 0.`);
  } else {
    out.push(style.red(`✗ The breach data at ${path} is damaged: ${plural(v.problemCount, "problem", "problems")} in ${describe(v)}.`));
    for (const problem of v.problems) out.push(`  ${sanitizeLine(problemText(v, problem))}`);
    if (v.problemCount > v.problems.length) out.push(`  and ${number(v.problemCount - v.problems.length)} more.`);
    out.push(`  Lookups near damaged lines answer "could not check". Download the data again, then run harden data verify ${path}.`);
  }
  const gaps = v.missingPrefixes;
  if (gaps.count > 0) {
    const ranges = gaps.ranges.map(({ from, to }) => (from === to ? from : `${from}-${to}`)).join(", ");
    const more = gaps.rangeCount > gaps.ranges.length ? ` and ${plural(gaps.rangeCount - gaps.ranges.length, "more range", "more ranges")}` : "";
    out.push(style.yellow(`! ${number(gaps.count)} of the ${number(PREFIX_COUNT)} hash prefixes have no hashes here (${ranges}${more}). The full data set has them all, so this copy is not complete.`));
  }
  out.push(...manifestLines(result, style));
  return `${out.join("\n")}\n`;
}

export function dataVerifyNotes(result: DataVerifyResult): string[] {
  if (result.verification.problemCount > 0) return [];
  if (result.saveError !== undefined) return [`Could not record this check in harden's folder (${sanitizeLine(result.saveError)}): lookups will still say the data was never checked.`];
  if (!result.saved) return ["Not recorded (--no-save): lookups in this data will still say it was never checked."];
  return ["Recorded: lookups in this data will no longer say it was never checked (until the data changes)."];
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
  return [`This breach data was never checked in full: run harden data verify ${sanitizeLine(offline.path)} once.`];
}
