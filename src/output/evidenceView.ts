/** The evidence log as text, JSON, Markdown and a printable HTML report. Notes and paths are sanitised or escaped. */
import path from "node:path";
import type { EntryRef, EvidenceEntry, EvidenceFinding } from "../evidence/chain.js";
import type { EvidenceResult } from "../evidence/results.js";
import { htmlPage } from "./checklistView.js";
import { htmlText, markdownText } from "./escape.js";
import { sanitize, sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";
import { wrap } from "./wrap.js";

/** Long sentences (an entry's name holds its note) wrap with a hanging indent under their dash. */
const WIDTH = 80;
const item = (text: string) => wrap(text, WIDTH, "  - ", "    ");

type Of<K extends EvidenceResult["kind"]> = Extract<EvidenceResult, { kind: K }>;

const TITLE = "Evidence log";
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const bytes = (n: number) => `${n.toLocaleString("en-US")} byte${n === 1 ? "" : "s"}`;

/** "2026-11-25 13:00:00 +01:00 (2026-11-25 12:00:00 UTC)": the local time a person remembers, and UTC. */
function when(at: string, local: string): string {
  return `${local.replace("T", " ").replace(/([+-]\d\d:\d\d)$/, " $1")} (${at.slice(0, 19).replace("T", " ")} UTC)`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2 Dec 2026 10:15" from "2026-12-02T10:15…": the wall-clock time as it was written down, not converted. */
function shortTime(time: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)/.exec(time);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]} ${m[4]}` : sanitizeLine(time);
}

const NOTE_CHARS = 40;

/** The start of a note, safe for a terminal, cut at a character (not inside one) with "…". */
function noteStart(note: string): string {
  const chars = Array.from(sanitizeLine(note).trim());
  return chars.length > NOTE_CHARS ? `${chars.slice(0, NOTE_CHARS).join("").trimEnd()}…` : chars.join("");
}

/** "the entry of 2 Dec 2026 10:15 “Messages received…” (entry 3)": when and what, which a person remembers better than a number. */
function entryName(e: EntryRef): string {
  const what = e.note !== null ? ` “${noteStart(e.note)}”` : e.file !== null ? ` with ${sanitizeLine(path.basename(e.file))}` : "";
  return `the entry of ${shortTime(e.localTime)}${what} (entry ${e.seq})`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const anEntry = (n: number) => (n === 1 ? "an entry" : `${n} entries`);
const were = (n: number) => (n === 1 ? "was" : "were");

function brokenLinkText(f: Extract<EvidenceFinding, { kind: "entry-removed-or-reordered" }>): string {
  if (f.cutOff) {
    if (f.removed === 0) return `The entry harden wrote last (entry ${f.line}) is gone: it was rewritten or replaced.`;
    const said = `head.json says ${plural(f.line, "entry", "entries")} ${were(f.line)} recorded, but the log holds ${f.line - f.removed}`;
    return `The end of the log was cut: ${said}.${f.after ? ` The last one left is ${entryName(f.after)}.` : ""}`;
  }
  const entry = f.entry ? entryName(f.entry) : `the entry on line ${f.line}`;
  if (f.how === "removed") {
    if (f.after) return `${capital(anEntry(f.removed))} between ${entryName(f.after)} and ${entry} ${were(f.removed)} removed.`;
    if (f.line === 1) return `${f.removed === 1 ? "The first entry was" : `The first ${f.removed} entries were`} removed: the log now starts with ${entry}.`;
    return `${capital(anEntry(f.removed))} just before ${entry} ${were(f.removed)} removed.`;
  }
  if (f.how === "moved") return `${capital(entry)} is not where it was recorded: entries were moved.`;
  return `${capital(entry)} does not link to the entry before it${f.after ? ` (${entryName(f.after)})` : ""}: one of them was rewritten or replaced after it was recorded.`;
}

function findingText(f: EvidenceFinding): string {
  switch (f.kind) {
    case "entry-edited":
      return f.entry ? `${capital(entryName(f.entry))} was changed after it was recorded.` : `Line ${f.line} of the log can no longer be read: it was changed after it was recorded.`;
    case "entry-removed-or-reordered":
      return brokenLinkText(f);
    case "file-changed":
      return `${f.copy ? "harden's copy of " : ""}${sanitizeLine(f.path)} has changed since it was recorded, in ${entryName(f.entry)}.`;
    case "file-missing":
      return `${f.copy ? "harden's copy of " : ""}${sanitizeLine(f.path)} is ${f.code === "ENOENT" ? "missing" : f.code === "ELOOP" ? "now a link, which harden does not follow" : `missing or cannot be read (${sanitizeLine(f.code)})`}: it was recorded in ${entryName(f.entry)}.`;
  }
}

export function evidenceEntryText(entry: EvidenceEntry, style: Style): string {
  const out = [style.bold(`Entry ${entry.seq}`) + ` — ${when(entry.at, entry.localTime)}`];
  if (entry.note !== null) out.push(`  Note: ${sanitize(entry.note).replace(/\n/g, "\n        ")}`);
  for (const file of entry.files) {
    out.push(`  File: ${sanitizeLine(file.path)}`, `        ${bytes(file.size)}, SHA-256 ${file.sha256}`);
    if (file.copy) out.push(`        harden keeps a copy: files/${file.copy}`);
  }
  out.push(style.dim(`  Entry hash: ${entry.hash}`));
  return `${out.join("\n")}\n`;
}

export function evidenceListText(result: Of<"evidence-list">, style: Style): string {
  return result.entries.map((e) => evidenceEntryText(e, style)).join("\n");
}

/** Nothing changed, nothing missing: what exit 0 and `"intact": true` mean. */
export const evidenceVerifyClean = (r: Of<"evidence-verify">) => r.findings.length === 0 && (!r.seal || (r.seal.intact && r.seal.backdated.length === 0));

/** "the seal of 2 Dec 2026 10:15 UTC (7 entries)" */
const sealName = (seal: NonNullable<Of<"evidence-verify">["seal"]>) => `the seal of ${shortTime(seal.at)} UTC (${plural(seal.entries, "entry", "entries")})`;

function sealLines(seal: NonNullable<Of<"evidence-verify">["seal"]>, style: Style): string[] {
  const out: string[] = [];
  if (seal.intact) out.push(style.green(`✓ Nothing recorded before ${sealName(seal)} was removed or changed.`));
  else {
    out.push(style.red(`✗ The log does not match ${sealName(seal)}:`));
    if (seal.missing) out.push(item(`${seal.missing === 1 ? "1 entry" : `${seal.missing} entries`} recorded before the seal ${seal.missing === 1 ? "is" : "are"} missing.`));
    else out.push(item("Entries recorded before the seal were changed, moved or replaced."));
  }
  if (seal.added.length) {
    out.push(`${plural(seal.added.length, "entry", "entries")} ${were(seal.added.length)} added after the seal:`);
    for (const e of seal.added) {
      const backdated = seal.backdated.some((b) => b.seq === e.seq && b.at === e.at);
      out.push(item(`${entryName(e)}${backdated ? ` ${style.red("✗ dated before the seal was made: its date is wrong, or it was forged")}` : ""}`));
    }
    out.push(wrap("The seal vouches only for what was recorded before it: it cannot tell who added these.", WIDTH, "  "));
  }
  return out;
}

export function evidenceVerifyText(result: Of<"evidence-verify">, style: Style): string {
  const out = result.seal ? sealLines(result.seal, style) : [];
  if (result.entries === 0 && result.findings.length === 0) out.push("Nothing recorded yet: the evidence log is empty.");
  else {
    const checked = `${plural(result.entries, "entry", "entries")} and ${plural(result.files, "file")}`;
    const sealBroken = result.seal !== undefined && !result.seal.intact;
    if (result.findings.length === 0 && sealBroken) {
      // The entries left agree with one another: what the seal caught is at the end, or a rewrite of the whole log.
      out.push(
        result.seal!.missing
          ? `The ${checked} left in the log are unchanged: the missing entries were cut off the end.`
          : `The ${checked} now in the log link together, but not to what was sealed: the log was rewritten.`,
      );
    } else if (result.findings.length === 0) out.push(style.green(`✓ All ${checked} are as they were recorded.`));
    else out.push(style.red(`✗ ${plural(result.findings.length, "change")} since recording (checked ${checked}):`), ...result.findings.map((f) => item(findingText(f))));
    if (!result.headFile) out.push("head.json, which notes how the log ended, is missing: entries removed from the end would not show.");
  }
  if (result.head) out.push(`Chain head: ${result.head}`);
  return `${out.join("\n")}\n`;
}

export function evidenceSealText(result: Of<"evidence-seal">, style: Style): string {
  return `${style.bold(result.code)}\n`;
}

export const evidenceListJson = (r: Of<"evidence-list">) => ({ entries: r.entries, unreadableLines: r.unreadableLines, head: r.head });
export const evidenceVerifyJson = (r: Of<"evidence-verify">) => ({
  intact: evidenceVerifyClean(r),
  entries: r.entries,
  files: r.files,
  findings: r.findings,
  head: r.head,
  headFile: r.headFile,
  ...(r.seal ? { seal: r.seal } : {}),
});
export const evidenceSealJson = (r: Of<"evidence-seal">) => ({ code: r.code, entries: r.entries, at: r.at, head: r.head });
export const evidenceReportJson = (r: Of<"evidence-export">) => ({
  title: TITLE,
  generatedAt: r.generatedAt,
  generatedLocal: r.generatedLocal,
  intact: r.findings.length === 0,
  findings: r.findings,
  head: r.head,
  entries: r.entries,
  unreadableLines: r.unreadableLines,
});

/** Messages for stderr: what was done and what to do next. */
export function evidenceNotes(result: EvidenceResult): string[] {
  switch (result.kind) {
    case "evidence-add": {
      const notes = [`Recorded as entry ${result.entry.seq}. Check the log any time with \`harden evidence verify\`.`];
      if (result.entry.files.some((f) => !f.copy)) notes.push("harden keeps each file's path and SHA-256, not the file: keep it where it is, unchanged, or record it with --copy.");
      return notes;
    }
    case "evidence-list":
      if (result.entries.length === 0 && result.unreadableLines.length === 0) return ["Nothing recorded yet. Record a file or a note with: harden evidence add FILE... --note TEXT"];
      return result.unreadableLines.length ? [`Line ${result.unreadableLines.join(", ")} of the log could not be read: run \`harden evidence verify\`.`] : [];
    case "evidence-verify":
      // Without a seal, entries cut off the end together with head.json leave no trace.
      return result.seal || result.entries === 0 ? [] : ["Entries removed from the end together with head.json would not show here. To pin the log as it is now, run: harden evidence seal"];
    case "evidence-seal":
      return [
        `Sealed ${plural(result.entries, "entry", "entries")} on ${shortTime(result.localTime)} (${shortTime(result.at)} UTC).`,
        "Write this code down or send it to someone you trust. Later, harden evidence verify --seal CODE proves nothing recorded before now was removed or changed.",
        ...(result.problems ? [`The log already has ${plural(result.problems, "problem")}: run harden evidence verify. The seal pins the log as it is now, problems included.`] : []),
        "Nothing was written: the seal is only this code.",
      ];
    case "evidence-export":
      return result.findings.length ? [`${plural(result.findings.length, "change")} found since recording; the report lists them.`] : [];
  }
}

const HOW_TO_CHECK = [
  "Each file's SHA-256 can be computed again (for example with “sha256sum FILE”, or “certutil -hashfile FILE SHA256” on Windows) and compared with the one above: any change to a file changes it.",
  "Each entry's hash is the SHA-256 of the entry written as one line of JSON with its keys sorted and no spaces, leaving out the hash itself. Each entry also holds the hash of the entry before it, so the last entry's hash (the chain head) vouches for every entry before it.",
  "A seal code written down or sent earlier (from “harden evidence seal”) proves nothing recorded before it was removed or changed: “harden evidence verify --seal CODE” checks it. A code such as H1-7-2026-12-02T10:15Z-BA33-Q7P4-KD65-ZPEX-P holds the number of entries (7), the time in UTC, and the first 16 characters, in Crockford base32, of the SHA-256 of four lines: “H1”, the number of entries, the hash of the last sealed entry, and the time as in the code; its last character is a Luhn mod 32 check that catches a typo.",
];

function integrityWords(r: Of<"evidence-export">): { summary: string; findings: string[] } {
  if (r.findings.length === 0) return { summary: "Checked when this report was made: every entry is as it was recorded, and every file still has the SHA-256 recorded for it.", findings: [] };
  return { summary: `Checked when this report was made: ${plural(r.findings.length, "change")} since recording:`, findings: r.findings.map(findingText) };
}

export function evidenceMarkdown(r: Of<"evidence-export">): string {
  const integrity = integrityWords(r);
  const out = [`# ${TITLE}`, "", `Generated ${when(r.generatedAt, r.generatedLocal)} with harden.`, "", `**${integrity.summary}**`, ""];
  for (const f of integrity.findings) out.push(`- ${markdownText(f)}`);
  if (integrity.findings.length) out.push("");
  out.push(`Entries: ${r.entries.length}. Chain head (hash of the last entry): \`${r.head ?? "none"}\``, "");
  for (const e of r.entries) {
    out.push(`## Entry ${e.seq}`, "", `Recorded ${when(e.at, e.localTime)}`, "");
    if (e.note !== null) out.push("Note:", "", ...sanitize(e.note).split("\n").map((line) => `> ${markdownText(line)}  `), "");
    for (const f of e.files) {
      out.push(`- File: ${markdownText(f.path)}`, `  - Size: ${bytes(f.size)}`, `  - SHA-256: \`${f.sha256}\``);
      if (f.copy) out.push(`  - Copy kept by harden: \`files/${f.copy}\``);
    }
    if (e.files.length) out.push("");
    out.push(`Entry hash: \`${e.hash}\`  `, `Previous entry's hash: \`${e.prevHash}\``, "");
  }
  if (r.unreadableLines.length) out.push(`Line ${r.unreadableLines.join(", ")} of the log could not be read and is not shown.`, "");
  out.push("## How to check this report", "", ...HOW_TO_CHECK.flatMap((p) => [p, ""]));
  return `${out.join("\n").trimEnd()}\n`;
}

const EVIDENCE_CSS = `<style>
code { font-family: "Courier New", monospace; font-size: 10pt; word-break: break-all; }
.note { white-space: pre-wrap; border-left: 3pt solid #000; padding-left: 0.6em; }
section.entry { break-inside: avoid; page-break-inside: avoid; border-top: 1pt solid #000; margin-top: 1.2em; }
.file { margin: 0.4em 0 0.4em 1em; } .file p, .hashes p { margin: 0.1em 0; } .hashes { font-size: 10.5pt; }
</style>`;

export function evidenceHtml(r: Of<"evidence-export">): string {
  const integrity = integrityWords(r);
  const findings = integrity.findings.length ? `<ul>${integrity.findings.map((f) => `<li>${htmlText(f)}</li>`).join("")}</ul>` : "";
  const entries = r.entries.map((e) => {
    const note = e.note === null ? "" : `<p class="note">${htmlText(e.note)}</p>`;
    const files = e.files
      .map(
        (f) => `<div class="file"><p><strong>File:</strong> ${htmlText(f.path)}</p><p>Size: ${bytes(f.size)}</p><p>SHA-256: <code>${f.sha256}</code></p>${
          f.copy ? `<p>Copy kept by harden: <code>files/${f.copy}</code></p>` : ""
        }</div>`,
      )
      .join("\n");
    return `<section class="entry">
<h2>Entry ${e.seq}</h2>
<p>Recorded ${when(e.at, e.localTime)}</p>
${note}${files}
<div class="hashes"><p>Entry hash: <code>${e.hash}</code></p><p>Previous entry's hash: <code>${e.prevHash}</code></p></div>
</section>`;
  });
  const unreadable = r.unreadableLines.length ? `<p>Line ${r.unreadableLines.join(", ")} of the log could not be read and is not shown.</p>` : "";
  return htmlPage(
    TITLE,
    `${EVIDENCE_CSS}
<h1>${TITLE}</h1>
<p>Generated ${when(r.generatedAt, r.generatedLocal)} with harden.</p>
<p><strong>${htmlText(integrity.summary)}</strong></p>${findings}
<p>Entries: ${r.entries.length}. Chain head (hash of the last entry): <code>${r.head ?? "none"}</code></p>
${entries.join("\n")}
${unreadable}
<h2>How to check this report</h2>
${HOW_TO_CHECK.map((p) => `<p>${htmlText(p)}</p>`).join("\n")}
`,
  );
}
