/**
 * `harden phone` results as text, Markdown, HTML and JSON. The report is built once as blocks
 * (headings, paragraphs, lists) and each format renders them with the one wrap and escape
 * functions. Every sentence comes from the message catalogue (namespace phone).
 */
import { ExitCode } from "../errors.js";
import { currentLanguage, isRightToLeft, t } from "../i18n/index.js";
import type { Finding, Right } from "../phone/check.js";
import { LICENCE_URL, UPSTREAM, type IndicatorsInfo } from "../phone/indicators.js";
import type { PhoneReport, PhoneResult } from "../phone/results.js";
import { htmlPage } from "./checklistView.js";
import { htmlText, htmlUrl, markdownText, markdownUrl } from "./escape.js";
import { json, type Rendered } from "./rendered.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";
import { wrap } from "./wrap.js";

const WIDTH = 80;

type Block =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string; tone?: "red" | "yellow" | "green" }
  | { kind: "para"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "finding"; mark: string; title: string; lines: string[] }
  | { kind: "links"; text: string; urls: string[] };

/**
 * Text from the phone or a file (package names, models) for a sentence: one line, no controls; in
 * a right-to-left language, inside Unicode isolates so a bidi terminal keeps a Latin run in order.
 */
function value(text: string | null | undefined): string {
  const clean = sanitizeLine(text ?? "?");
  return isRightToLeft(currentLanguage()) ? `\u2066${clean}\u2069` : clean;
}

const RIGHTS: Right[] = ["accessibility", "device-admin", "notification-listener", "overlay", "usage-stats"];
const rightKey: Record<Right, string> = {
  accessibility: "accessibility",
  "device-admin": "deviceAdmin",
  "notification-listener": "notificationListener",
  overlay: "overlay",
  "usage-stats": "usageStats",
};

function deviceLine(report: PhoneReport): string {
  const d = report.device;
  return t("phone:view.device", { model: value(d.model), maker: value(d.manufacturer), android: value(d.android), patch: value(d.securityPatch) });
}

function findingBlock(f: Finding): Block {
  if (f.kind === "worth-a-look") {
    const reason = { "sideloaded-accessibility": "sideloadedAccessibility", "sideloaded-admin": "sideloadedAdmin", "outside-store-notification-listener": "outsideStoreListener", "play-protect-off": "playProtectOff", "unknown-sources": "unknownSources", "adb-installs-unverified": "adbInstallsUnverified" }[f.reason];
    return {
      kind: "finding",
      mark: "?",
      title: t(`phone:look.${reason}.title`, { package: value(f.package) }),
      lines: [t(`phone:look.${reason}.means`), t(`phone:look.${reason}.notice`)],
    };
  }
  const key = f.kind === "stalkerware" ? "stalkerware" : "watchware";
  const by = f.matchedBy.length === 2 ? "both" : f.matchedBy[0] === "certificate" ? "certificate" : "package";
  const lines = [t(`phone:found.by.${by}`, { certificate: value(f.certificate) })];
  const rights = RIGHTS.filter((r) => f.rights.includes(r));
  for (const r of rights) lines.push(t(`phone:rights.${rightKey[r]}`));
  lines.push(t(`phone:found.${key}.means`), t(`phone:found.${key}.notice`), t("phone:found.source", { file: value(f.source) }));
  return { kind: "finding", mark: f.kind === "stalkerware" ? "✗" : "!", title: t("phone:found.title", { app: value(f.app), package: value(f.package) }), lines };
}

function creditBlock(info: IndicatorsInfo): Block {
  const version = info.commit ? t("phone:credit.commit", { commit: value(info.commit.slice(0, 12)), date: value(info.date) }) : t("phone:credit.updated", { from: value(info.from), date: value(info.date) });
  return { kind: "links", text: `${t("phone:credit.line")} ${version}`, urls: [UPSTREAM, LICENCE_URL] };
}

function reportBlocks(report: PhoneReport): Block[] {
  const { outcome } = report;
  const blocks: Block[] = [{ kind: "title", text: t("phone:view.title") }, { kind: "para", text: deviceLine(report) }];
  blocks.push({
    kind: "para",
    text: report.source.kind === "adb" ? t("phone:view.fromPhone", { time: value(report.localTime) }) : t("phone:view.fromFolder", { time: value(report.localTime), folder: value(report.source.folder) }),
  });
  if (outcome.counts.packages > 0) blocks.push({ kind: "para", text: t("phone:view.apps", { count: outcome.counts.packages, notSystem: outcome.counts.notSystem }) });
  const groups: Array<[Finding["kind"], string, "red" | "yellow"]> = [
    ["stalkerware", "phone:view.stalkerware", "red"],
    ["watchware", "phone:view.watchware", "yellow"],
    ["worth-a-look", "phone:view.worthALook", "yellow"],
  ];
  for (const [kind, heading, tone] of groups) {
    const found = outcome.findings.filter((f) => f.kind === kind);
    if (found.length === 0) continue;
    blocks.push({ kind: "heading", text: t(heading, { count: found.length }), tone }, ...found.map(findingBlock));
  }
  if (outcome.status === "clean") blocks.push({ kind: "heading", text: t("phone:view.clean"), tone: "green" }, { kind: "para", text: t("phone:view.notProof") });
  if (outcome.status === "incomplete") blocks.push({ kind: "heading", text: t("phone:view.incomplete"), tone: "red" });
  if (outcome.notChecked.length > 0) blocks.push({ kind: "para", text: t("phone:view.notCheckedIntro") }, { kind: "list", items: outcome.notChecked.map((p) => t(`phone:parts.${p}`)) });
  if (outcome.certificatesMissing > 0) blocks.push({ kind: "para", text: t("phone:view.certificatesMissing", { count: outcome.certificatesMissing }) });
  if (outcome.findings.length > 0) {
    blocks.push({ kind: "heading", text: t("phone:before.title") });
    blocks.push({
      kind: "list",
      items: [report.evidence ? t("phone:before.evidenceSaved", { seq: report.evidence.seq }) : t("phone:before.evidence"), t("phone:before.notice"), t("phone:before.advocate"), t("phone:before.remove"), t("phone:before.plan")],
    });
  }
  blocks.push({ kind: "para", text: t("phone:view.nothingChanged") });
  if (report.collected) blocks.push({ kind: "para", text: t("phone:view.collected", { folder: value(report.collected) }) });
  blocks.push(creditBlock(report.indicators));
  return blocks;
}

function iphoneBlocks(result: Extract<PhoneResult, { kind: "phone-iphone" }>): Block[] {
  return [
    { kind: "title", text: t("phone:iphone.title") },
    ...(result.seen ? [{ kind: "para" as const, text: t("phone:iphone.seen") }] : []),
    { kind: "para", text: t("phone:iphone.cannot") },
    { kind: "para", text: t("phone:iphone.instead") },
    { kind: "list", items: result.items.map((i) => t("phone:iphone.item", { title: sanitizeLine(i.title), id: value(i.id) })) },
    { kind: "para", text: t("phone:iphone.how") },
  ];
}

function indicatorsBlocks(result: Extract<PhoneResult, { kind: "phone-indicators" }>): Block[] {
  const { info } = result;
  return [
    { kind: "para", text: result.updated ? t("phone:indicators.updated") : info.kind === "updated" ? t("phone:indicators.usingUpdated") : t("phone:indicators.usingBundled") },
    { kind: "para", text: t("phone:indicators.counts", { count: info.counts.stalkerware, watchware: info.counts.watchware, packages: info.counts.packages, certificates: info.counts.certificates }) },
    creditBlock(info),
  ];
}

function text(blocks: Block[], style: Style): string {
  const out: string[] = [];
  let previous: Block["kind"] | undefined;
  for (const b of blocks) {
    // A paragraph after a list of findings starts after a blank line, so it is not read as part of the last one.
    if (b.kind === "para" && (previous === "finding" || previous === "list")) out.push("");
    previous = b.kind;
    if (b.kind === "title") out.push(style.bold(wrap(b.text, WIDTH, "")));
    else if (b.kind === "heading") out.push("", (b.tone ? style[b.tone] : (s: string) => s)(style.bold(wrap(b.text, WIDTH, ""))));
    else if (b.kind === "para") out.push(wrap(b.text, WIDTH, ""));
    else if (b.kind === "list") out.push(...b.items.map((i) => wrap(i, WIDTH, "  - ", "    ")));
    else if (b.kind === "finding") out.push(wrap(`${b.mark} ${b.title}`, WIDTH, "  ", "    "), ...b.lines.map((l) => wrap(l, WIDTH, "    ", "    ")));
    else out.push("", wrap(b.text, WIDTH, ""), ...b.urls.map((u) => `  ${u}`));
  }
  return `${out.join("\n")}\n`;
}

function markdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === "title") out.push(`# ${markdownText(b.text)}`, "");
    else if (b.kind === "heading") out.push(`## ${markdownText(b.text)}`, "");
    else if (b.kind === "para") out.push(markdownText(b.text), "");
    else if (b.kind === "list") out.push(...b.items.map((i) => `- ${markdownText(i)}`), "");
    else if (b.kind === "finding") out.push(`### ${markdownText(`${b.mark} ${b.title}`)}`, "", ...b.lines.map((l) => `- ${markdownText(l)}`), "");
    else out.push(markdownText(b.text), "", ...b.urls.map((u) => `- ${markdownUrl(u)}`), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

const PHONE_CSS = `<style>
.finding { break-inside: avoid; page-break-inside: avoid; border-left: 3pt solid #000; padding-left: 0.6em; margin: 0.8em 0; }
.finding h3 { margin: 0 0 0.3em; } .finding ul { margin: 0; }
</style>`;

function html(blocks: Block[]): string {
  const title = blocks.find((b) => b.kind === "title")?.text ?? "harden";
  const out: string[] = [PHONE_CSS];
  for (const b of blocks) {
    if (b.kind === "title") out.push(`<h1>${htmlText(b.text)}</h1>`);
    else if (b.kind === "heading") out.push(`<h2>${htmlText(b.text)}</h2>`);
    else if (b.kind === "para") out.push(`<p>${htmlText(b.text)}</p>`);
    else if (b.kind === "list") out.push(`<ul>${b.items.map((i) => `<li>${htmlText(i)}</li>`).join("")}</ul>`);
    else if (b.kind === "finding") out.push(`<section class="finding"><h3>${htmlText(`${b.mark} ${b.title}`)}</h3><ul>${b.lines.map((l) => `<li>${htmlText(l)}</li>`).join("")}</ul></section>`);
    else out.push(`<p>${htmlText(b.text)}</p><ul>${b.urls.map((u) => `<li>${htmlUrl(u)}</li>`).join("")}</ul>`);
  }
  return htmlPage(title, out.join("\n"));
}

/** The machine-read report: field names and enum values as they are, never translated. */
export function phoneJson(result: PhoneResult): unknown {
  if (result.kind === "phone-check") return result.report;
  if (result.kind === "phone-iphone") return { iphone: true, seen: result.seen, checked: false, items: result.items.map((i) => i.id) };
  return { indicators: result.info, updated: result.updated };
}

export function phoneExitCode(result: PhoneResult): number {
  if (result.kind === "phone-indicators") return ExitCode.ok;
  // An iPhone's apps were not read: never "nothing found".
  if (result.kind === "phone-iphone") return ExitCode.couldNotCheck;
  const status = result.report.outcome.status;
  return status === "found" ? ExitCode.findings : status === "clean" ? ExitCode.ok : ExitCode.couldNotCheck;
}

/** Notes for stderr: after a live check, that turning USB debugging off again is itself visible. */
function phoneNotes(result: PhoneResult): string[] {
  if (result.kind === "phone-check" && result.report.source.kind === "adb") return [t("phone:view.usbDebuggingOff")];
  return [];
}

export function renderPhone(result: PhoneResult, options: { json: boolean; style: Style }): Rendered {
  const format = options.json ? "json" : result.kind === "phone-indicators" ? "text" : result.format;
  const exitCode = phoneExitCode(result);
  if (format === "json") return { stdout: json(phoneJson(result)), stderr: [], exitCode };
  const blocks = result.kind === "phone-check" ? reportBlocks(result.report) : result.kind === "phone-iphone" ? iphoneBlocks(result) : indicatorsBlocks(result);
  const stdout = format === "md" ? markdown(blocks) : format === "html" ? html(blocks) : text(blocks, options.style);
  return { stdout, stderr: phoneNotes(result), exitCode };
}

/** The evidence log's note for a check: the phone, the time and each finding, in plain words. */
export function evidenceNote(report: PhoneReport): string {
  const lines = [t("phone:evidence.note", { time: report.localTime }), deviceLine(report)];
  // Checked from a folder: the phone was read earlier, when the folder was collected.
  if (report.source.kind === "folder") lines.push(t("phone:view.fromFolder", { time: report.localTime, folder: sanitizeLine(report.source.folder ?? "?") }));
  for (const f of report.outcome.findings) {
    const block = findingBlock(f) as Extract<Block, { kind: "finding" }>;
    lines.push(`${block.mark} ${block.title}`);
  }
  if (report.outcome.findings.length === 0) lines.push(t("phone:view.clean"));
  return lines.join("\n");
}
