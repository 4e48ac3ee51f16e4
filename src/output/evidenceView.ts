/** The evidence log as text, JSON, Markdown and a printable HTML report. Notes and paths are sanitised or escaped. */
import type { EvidenceEntry, EvidenceFinding } from "../evidence/chain.js";
import type { EvidenceResult } from "../evidence/results.js";
import { htmlPage } from "./checklistView.js";
import { htmlText, markdownText } from "./escape.js";
import { sanitize, sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";

type Of<K extends EvidenceResult["kind"]> = Extract<EvidenceResult, { kind: K }>;

const TITLE = "Evidence log";
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const bytes = (n: number) => `${n.toLocaleString("en-US")} byte${n === 1 ? "" : "s"}`;

/** "2026-11-25 13:00:00 +01:00 (2026-11-25 12:00:00 UTC)": the local time a person remembers, and UTC. */
function when(at: string, local: string): string {
  return `${local.replace("T", " ").replace(/([+-]\d\d:\d\d)$/, " $1")} (${at.slice(0, 19).replace("T", " ")} UTC)`;
}

function findingText(f: EvidenceFinding): string {
  switch (f.kind) {
    case "entry-edited":
      return `entry ${f.line} was changed after it was recorded`;
    case "entry-removed-or-reordered":
      return f.cutOff
        ? `entry ${f.line}, the last one written, is gone: entries were removed from the end or rewritten`
        : `entry ${f.line} does not follow the entry before it: an entry was removed, moved or rewritten`;
    case "file-changed":
      return `entry ${f.line}: ${f.copy ? "harden's copy of " : ""}${sanitizeLine(f.path)} has changed since it was recorded`;
    case "file-missing":
      return `entry ${f.line}: ${f.copy ? "harden's copy of " : ""}${sanitizeLine(f.path)} is ${f.code === "ENOENT" ? "missing" : `missing or cannot be read (${sanitizeLine(f.code)})`}`;
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

export function evidenceVerifyText(result: Of<"evidence-verify">, style: Style): string {
  if (result.entries === 0 && result.findings.length === 0) return "Nothing recorded yet: the evidence log is empty.\n";
  const checked = `${plural(result.entries, "entry", "entries")} and ${plural(result.files, "file")}`;
  const out =
    result.findings.length === 0
      ? [style.green(`✓ All ${checked} are as they were recorded.`)]
      : [style.red(`✗ ${plural(result.findings.length, "change")} since recording (checked ${checked}):`), ...result.findings.map((f) => `  - ${findingText(f)}`)];
  if (result.head) out.push(`Chain head: ${result.head}`);
  return `${out.join("\n")}\n`;
}

export const evidenceListJson = (r: Of<"evidence-list">) => ({ entries: r.entries, unreadableLines: r.unreadableLines, head: r.head });
export const evidenceVerifyJson = (r: Of<"evidence-verify">) => ({ intact: r.findings.length === 0, entries: r.entries, files: r.files, findings: r.findings, head: r.head });
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
      return [];
    case "evidence-export":
      return result.findings.length ? [`${plural(result.findings.length, "change")} found since recording; the report lists them.`] : [];
  }
}

const HOW_TO_CHECK = [
  "Each file's SHA-256 can be computed again (for example with “sha256sum FILE”, or “certutil -hashfile FILE SHA256” on Windows) and compared with the one above: any change to a file changes it.",
  "Each entry's hash is the SHA-256 of the entry written as one line of JSON with its keys sorted and no spaces, leaving out the hash itself. Each entry also holds the hash of the entry before it, so the last entry's hash (the chain head) vouches for every entry before it.",
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
