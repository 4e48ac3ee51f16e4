/** The evidence log as text, JSON, Markdown and a printable HTML report. Notes and paths are sanitised or escaped. */
import path from "node:path";
import type { EntryRef, EvidenceEntry, EvidenceFinding } from "../evidence/chain.js";
import type { EvidenceResult } from "../evidence/results.js";
import { htmlPage } from "./checklistView.js";
import { t } from "../i18n/index.js";
import { htmlText, markdownText } from "./escape.js";
import { htmlLtr, htmlMessage, ltr, ltrNumber, markdownDocument } from "./locale.js";
import { sanitize, sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";
import { wrap } from "./wrap.js";

/** Long sentences (an entry's name holds its note) wrap with a hanging indent under their dash. */
const WIDTH = 80;
const item = (text: string) => wrap(text, WIDTH, "  - ", "    ");

type Of<K extends EvidenceResult["kind"]> = Extract<EvidenceResult, { kind: K }>;

const title = () => t("report:evidence.title");
/** A count by the language's plural rules: `counted("entries", 3)` is "3 entries". */
const counted = (key: string, count: number) => t(`report:evidence.count.${key}`, { count, n: ltrNumber(count) });
const bytes = (n: number) => counted("bytes", n);

/** "2026-11-25 13:00:00 +01:00 (2026-11-25 12:00:00 UTC)": the local time a person remembers, and UTC. */
function when(at: string, local: string): string {
  return `${local.replace("T", " ").replace(/([+-]\d\d:\d\d)$/, " $1")} (${at.slice(0, 19).replace("T", " ")} UTC)`;
}

/** "2 Dec 2026 10:15" from "2026-12-02T10:15…": the wall-clock time as it was written down, not converted. */
function shortTime(time: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)/.exec(time);
  if (!m) return sanitizeLine(time);
  const month = Number(m[2]) >= 1 && Number(m[2]) <= 12 ? t(`report:months.${Number(m[2])}`) : m[2]!;
  return t("report:evidence.shortTime", { day: Number(m[3]), month, year: m[1], time: m[4] });
}

const NOTE_CHARS = 40;

/** The start of a note, safe for a terminal, cut at a character (not inside one) with "…". */
function noteStart(note: string): string {
  const chars = Array.from(sanitizeLine(note).trim());
  return chars.length > NOTE_CHARS ? `${chars.slice(0, NOTE_CHARS).join("").trimEnd()}…` : chars.join("");
}

/** "the entry of 2 Dec 2026 10:15 “Messages received…” (entry 3)": when and what, which a person remembers better than a number. */
function entryName(e: EntryRef): string {
  const when = shortTime(e.localTime);
  const seq = ltrNumber(e.seq);
  if (e.note !== null) return t("report:evidence.entryWithNote", { when, note: noteStart(e.note), seq });
  if (e.file !== null) return t("report:evidence.entryWithFile", { when, file: ltr(sanitizeLine(path.basename(e.file))), seq });
  return t("report:evidence.entryName", { when, seq });
}

/** A sentence starts with a capital (in the scripts that have them). */
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function brokenLinkText(f: Extract<EvidenceFinding, { kind: "entry-removed-or-reordered" }>): string {
  if (f.cutOff) {
    if (f.removed === 0) return t("report:evidence.finding.lastGone", { line: ltrNumber(f.line) });
    const said = t("report:evidence.finding.headSays", { count: f.line, n: ltrNumber(f.line), held: ltrNumber(f.line - f.removed) });
    return f.after ? t("report:evidence.finding.cutAfter", { said, entry: entryName(f.after) }) : t("report:evidence.finding.cut", { said });
  }
  const entry = f.entry ? entryName(f.entry) : t("report:evidence.entryOnLine", { line: ltrNumber(f.line) });
  const count = f.removed;
  const n = ltrNumber(count);
  if (f.how === "removed") {
    if (f.after) return capital(t("report:evidence.finding.removedBetween", { count, n, after: entryName(f.after), entry }));
    if (f.line === 1) return t("report:evidence.finding.removedFirst", { count, n, entry });
    return capital(t("report:evidence.finding.removedBefore", { count, n, entry }));
  }
  if (f.how === "moved") return capital(t("report:evidence.finding.moved", { entry }));
  return capital(f.after ? t("report:evidence.finding.unlinkedAfter", { entry, after: entryName(f.after) }) : t("report:evidence.finding.unlinked", { entry }));
}

function findingText(f: EvidenceFinding): string {
  switch (f.kind) {
    case "entry-edited":
      return f.entry ? capital(t("report:evidence.finding.edited", { entry: entryName(f.entry) })) : t("report:evidence.finding.editedLine", { line: ltrNumber(f.line) });
    case "entry-removed-or-reordered":
      return brokenLinkText(f);
    case "file-changed":
      return t(f.copy ? "report:evidence.finding.copyChanged" : "report:evidence.finding.fileChanged", { path: ltr(sanitizeLine(f.path)), entry: entryName(f.entry) });
    case "file-missing": {
      const how = f.code === "ENOENT" ? "Missing" : f.code === "ELOOP" ? "Link" : "Unreadable";
      return t(`report:evidence.finding.${f.copy ? "copy" : "file"}${how}`, { path: ltr(sanitizeLine(f.path)), code: ltr(sanitizeLine(f.code)), entry: entryName(f.entry) });
    }
  }
}

export function evidenceEntryText(entry: EvidenceEntry, style: Style): string {
  const out = [style.bold(t("report:evidence.entry", { seq: ltrNumber(entry.seq) })) + ` — ${ltr(when(entry.at, entry.localTime))}`];
  if (entry.note !== null) out.push(`  ${t("report:evidence.note", { note: sanitize(entry.note).replace(/\n/g, "\n        ") })}`);
  for (const file of entry.files) {
    out.push(`  ${t("report:evidence.file", { path: ltr(sanitizeLine(file.path)) })}`, `        ${t("report:evidence.sizeAndHash", { size: bytes(file.size), hash: ltr(`SHA-256 ${file.sha256}`) })}`);
    if (file.copy) out.push(`        ${t("report:evidence.copyKept", { path: ltr(`files/${file.copy}`) })}`);
  }
  out.push(style.dim(`  ${t("report:evidence.entryHash", { hash: ltr(entry.hash) })}`));
  return `${out.join("\n")}\n`;
}

export function evidenceListText(result: Of<"evidence-list">, style: Style): string {
  return result.entries.map((e) => evidenceEntryText(e, style)).join("\n");
}

/** Nothing changed, nothing missing: what exit 0 and `"intact": true` mean. */
export const evidenceVerifyClean = (r: Of<"evidence-verify">) => r.findings.length === 0 && (!r.seal || (r.seal.intact && r.seal.backdated.length === 0));

/** "the seal of 2 Dec 2026 10:15 UTC (7 entries)" */
const sealName = (seal: NonNullable<Of<"evidence-verify">["seal"]>) => t("report:evidence.sealName", { when: shortTime(seal.at), entries: counted("entries", seal.entries) });

function sealLines(seal: NonNullable<Of<"evidence-verify">["seal"]>, style: Style): string[] {
  const out: string[] = [];
  if (seal.intact) out.push(style.green(`✓ ${t("report:evidence.seal.intact", { seal: sealName(seal) })}`));
  else {
    out.push(style.red(`✗ ${t("report:evidence.seal.broken", { seal: sealName(seal) })}`));
    if (seal.missing) out.push(item(t("report:evidence.seal.missing", { count: seal.missing, n: ltrNumber(seal.missing) })));
    else out.push(item(t("report:evidence.seal.changed")));
  }
  if (seal.added.length) {
    out.push(t("report:evidence.seal.added", { count: seal.added.length, n: ltrNumber(seal.added.length) }));
    for (const e of seal.added) {
      const backdated = seal.backdated.some((b) => b.seq === e.seq && b.at === e.at);
      out.push(item(`${entryName(e)}${backdated ? ` ${style.red(`✗ ${t("report:evidence.seal.backdated")}`)}` : ""}`));
    }
    out.push(wrap(t("report:evidence.seal.vouches"), WIDTH, "  "));
  }
  return out;
}

export function evidenceVerifyText(result: Of<"evidence-verify">, style: Style): string {
  const out = result.seal ? sealLines(result.seal, style) : [];
  if (result.entries === 0 && result.findings.length === 0) out.push(t("report:evidence.verify.empty"));
  else {
    const checked = t("report:evidence.verify.checked", { entries: counted("entries", result.entries), files: counted("files", result.files) });
    const sealBroken = result.seal !== undefined && !result.seal.intact;
    if (result.findings.length === 0 && sealBroken) {
      // The entries left agree with one another: what the seal caught is at the end, or a rewrite of the whole log.
      out.push(
        result.seal!.missing
          ? t("report:evidence.verify.cutOffEnd", { checked })
          : t("report:evidence.verify.rewritten", { checked }),
      );
    } else if (result.findings.length === 0) out.push(style.green(`✓ ${t("report:evidence.verify.allAsRecorded", { checked })}`));
    else out.push(style.red(`✗ ${t("report:evidence.verify.changes", { changes: counted("changes", result.findings.length), checked })}`), ...result.findings.map((f) => item(findingText(f))));
    if (!result.headFile) out.push(t("report:evidence.verify.noHeadFile", { file: ltr("head.json") }));
  }
  if (result.head) out.push(t("report:evidence.chainHead", { hash: ltr(result.head) }));
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
  title: title(),
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
      const notes = [t("report:evidence.notes.added", { seq: ltrNumber(result.entry.seq), command: ltr("`harden evidence verify`") })];
      if (result.entry.files.some((f) => !f.copy)) notes.push(t("report:evidence.notes.pathOnly", { flag: ltr("--copy") }));
      return notes;
    }
    case "evidence-list":
      if (result.entries.length === 0 && result.unreadableLines.length === 0) return [t("report:evidence.notes.nothingYet", { command: ltr("harden evidence add FILE... --note TEXT") })];
      return result.unreadableLines.length
        ? [t("report:evidence.notes.unreadable", { count: result.unreadableLines.length, lines: ltr(result.unreadableLines.join(", ")), command: ltr("`harden evidence verify`") })]
        : [];
    case "evidence-verify":
      // Without a seal, entries cut off the end together with head.json leave no trace.
      return result.seal || result.entries === 0 ? [] : [t("report:evidence.notes.sealHint", { file: ltr("head.json"), command: ltr("harden evidence seal") })];
    case "evidence-seal":
      return [
        t("report:evidence.notes.sealed", { entries: counted("entries", result.entries), local: shortTime(result.localTime), utc: shortTime(result.at) }),
        t("report:evidence.notes.writeDown", { command: ltr("harden evidence verify --seal CODE") }),
        ...(result.problems ? [t("report:evidence.notes.sealProblems", { problems: counted("problems", result.problems), command: ltr("harden evidence verify") })] : []),
        t("report:evidence.notes.nothingWritten"),
      ];
    case "evidence-export":
      return result.findings.length ? [t("report:evidence.notes.exportChanges", { changes: counted("changes", result.findings.length) })] : [];
  }
}

/** How a reader checks the report by hand. Commands and codes are placeholders: they stay as they are in every language. */
const howToCheck = () => [
  t("report:evidence.howToCheck.files", { sha256sum: "sha256sum FILE", certutil: "certutil -hashfile FILE SHA256" }),
  t("report:evidence.howToCheck.entries"),
  t("report:evidence.howToCheck.seal", { seal: "harden evidence seal", verify: "harden evidence verify --seal CODE", code: "H1-7-2026-12-02T10:15Z-BA33-Q7P4-KD65-ZPEX-P", h1: "H1" }),
];

function integrityWords(r: Of<"evidence-export">): { summary: string; findings: string[] } {
  if (r.findings.length === 0) return { summary: t("report:evidence.integrity.clean"), findings: [] };
  return { summary: t("report:evidence.integrity.changes", { changes: counted("changes", r.findings.length) }), findings: r.findings.map(findingText) };
}

export function evidenceMarkdown(r: Of<"evidence-export">): string {
  const integrity = integrityWords(r);
  const out = [`# ${title()}`, "", t("report:evidence.generated", { when: when(r.generatedAt, r.generatedLocal) }), "", `**${integrity.summary}**`, ""];
  for (const f of integrity.findings) out.push(`- ${markdownText(f)}`);
  if (integrity.findings.length) out.push("");
  out.push(`${t("report:evidence.entriesAndHead", { n: r.entries.length, head: `\`${r.head ?? t("report:evidence.none")}\`` })}`, "");
  for (const e of r.entries) {
    out.push(`## ${t("report:evidence.entry", { seq: e.seq })}`, "", t("report:evidence.recorded", { when: when(e.at, e.localTime) }), "");
    if (e.note !== null) out.push(t("report:evidence.noteLabel"), "", ...sanitize(e.note).split("\n").map((line) => `> ${markdownText(line)}  `), "");
    for (const f of e.files) {
      out.push(
        `- ${t("report:evidence.file", { path: markdownText(f.path) })}`,
        `  - ${t("report:evidence.size", { size: bytes(f.size) })}`,
        `  - SHA-256: \`${f.sha256}\``,
      );
      if (f.copy) out.push(`  - ${t("report:evidence.copyKeptBy", { path: `\`files/${f.copy}\`` })}`);
    }
    if (e.files.length) out.push("");
    out.push(`${t("report:evidence.entryHash", { hash: `\`${e.hash}\`` })}  `, t("report:evidence.previousHash", { hash: `\`${e.prevHash}\`` }), "");
  }
  if (r.unreadableLines.length) out.push(t("report:evidence.unreadableLines", { count: r.unreadableLines.length, lines: r.unreadableLines.join(", ") }), "");
  out.push(`## ${t("report:evidence.howToCheckTitle")}`, "", ...howToCheck().flatMap((p) => [p, ""]));
  return markdownDocument(`${out.join("\n").trimEnd()}\n`);
}

const EVIDENCE_CSS = `<style>
code { font-family: "Courier New", monospace; font-size: 10pt; word-break: break-all; }
.note { white-space: pre-wrap; border-inline-start: 3pt solid #000; padding-inline-start: 0.6em; }
section.entry { break-inside: avoid; page-break-inside: avoid; border-top: 1pt solid #000; margin-top: 1.2em; }
.file { margin-block: 0.4em; margin-inline-start: 1em; } .file p, .hashes p { margin: 0.1em 0; } .hashes { font-size: 10.5pt; }
</style>`;

export function evidenceHtml(r: Of<"evidence-export">): string {
  const integrity = integrityWords(r);
  const findings = integrity.findings.length ? `<ul>${integrity.findings.map((f) => `<li>${htmlText(f)}</li>`).join("")}</ul>` : "";
  const code = (text: string) => `<code>${htmlText(text)}</code>`;
  const entries = r.entries.map((e) => {
    const note = e.note === null ? "" : `<p class="note">${htmlText(e.note)}</p>`;
    const files = e.files
      .map(
        (f) =>
          `<div class="file"><p>${htmlMessage("report:evidence.file", { path: htmlLtr(htmlText(f.path)) })}</p><p>${htmlText(t("report:evidence.size", { size: bytes(f.size) }))}</p><p>SHA-256: ${code(f.sha256)}</p>${
            f.copy ? `<p>${htmlMessage("report:evidence.copyKeptBy", { path: code(`files/${f.copy}`) })}</p>` : ""
          }</div>`,
      )
      .join("\n");
    return `<section class="entry">
<h2>${htmlText(t("report:evidence.entry", { seq: e.seq }))}</h2>
<p>${htmlMessage("report:evidence.recorded", { when: htmlLtr(htmlText(when(e.at, e.localTime))) })}</p>
${note}${files}
<div class="hashes"><p>${withCode("report:evidence.entryHash", e.hash)}</p><p>${withCode("report:evidence.previousHash", e.prevHash)}</p></div>
</section>`;
  });
  const unreadable = r.unreadableLines.length ? `<p>${htmlText(t("report:evidence.unreadableLines", { count: r.unreadableLines.length, lines: r.unreadableLines.join(", ") }))}</p>` : "";
  return htmlPage(
    title(),
    `${EVIDENCE_CSS}
<h1>${htmlText(title())}</h1>
<p>${htmlMessage("report:evidence.generated", { when: htmlLtr(htmlText(when(r.generatedAt, r.generatedLocal))) })}</p>
<p><strong>${htmlText(integrity.summary)}</strong></p>${findings}
<p>${htmlMessage("report:evidence.entriesAndHead", { head: code(r.head ?? t("report:evidence.none")) }, { n: r.entries.length })}</p>
${entries.join("\n")}
${unreadable}
<h2>${htmlText(t("report:evidence.howToCheckTitle"))}</h2>
${howToCheck().map((p) => `<p>${htmlText(p)}</p>`).join("\n")}
`,
  );
}

/** A message with one hash in it, as HTML: the message escaped, the hash in <code> (left to right). */
const withCode = (key: string, hash: string) => htmlMessage(key, { hash: `<code>${htmlText(hash)}</code>` });
