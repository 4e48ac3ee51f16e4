/** `harden data download` and `harden serve` in words (namespace data), and their JSON. */
import type { DownloadProgress, DownloadSummary, PrefixFailure } from "../breach/download.js";
import { MODE_NAME } from "../breach/hash.js";
import { formatSize } from "../files/regular.js";
import { t } from "../i18n/index.js";
import { formatDecimal, ltr, ltrNumber } from "./locale.js";
import type { CommandResult } from "./results.js";
import type { ServeListening } from "../commands/serve.js";
import type { ServeCounts } from "../serve/rangeServer.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";

type DownloadResult = Extract<CommandResult, { kind: "data-download" }>;


/**
 * Speed and time left from the recent past (the last 10 s), not the whole run: a resume starts
 * with thousands of files kept at once, which says nothing about the network.
 */
export function downloadRate(): (p: DownloadProgress) => { bytesPerSecond: number; secondsLeft: number | undefined } {
  const samples: DownloadProgress[] = [];
  return (p) => {
    // Writing the sorted file moves no bytes over the network.
    if (p.writing === true) return { bytesPerSecond: 0, secondsLeft: undefined };
    samples.push(p);
    while (samples.length > 2 && p.elapsedMs - samples[0]!.elapsedMs > 10_000) samples.shift();
    const first = samples[0]!;
    const span = (p.elapsedMs - first.elapsedMs) / 1000;
    if (span <= 0.2) return { bytesPerSecond: 0, secondsLeft: undefined };
    const perSecond = (p.done - first.done) / span;
    return { bytesPerSecond: (p.bytes - first.bytes) / span, secondsLeft: perSecond > 0 ? (p.total - p.done) / perSecond : undefined };
  };
}

function duration(seconds: number): string {
  if (seconds < 90) return t("data:time.seconds", { count: Math.max(1, Math.round(seconds)), n: ltrNumber(Math.max(1, Math.round(seconds))) });
  if (seconds < 90 * 60) return t("data:time.minutes", { count: Math.round(seconds / 60), n: ltrNumber(Math.round(seconds / 60)) });
  const hours = Math.round(seconds / 360) / 10;
  return t("data:time.hours", { count: hours, n: ltrNumber(hours) });
}

/** The words after the progress bar. */
export function downloadProgressText(p: DownloadProgress, rate: ReturnType<ReturnType<typeof downloadRate>>): string {
  if (p.writing === true) return t("data:download.writingSorted", { count: p.done, done: ltrNumber(p.done), total: ltrNumber(p.total) });
  const mbs = ltr(formatDecimal(rate.bytesPerSecond / 1024 / 1024));
  if (rate.secondsLeft === undefined) return t("data:download.progressStarting", { count: p.done, done: ltrNumber(p.done), total: ltrNumber(p.total), mbs });
  return t("data:download.progress", { count: p.done, done: ltrNumber(p.done), total: ltrNumber(p.total), mbs, left: duration(rate.secondsLeft) });
}

/** One JSON line for scripts (under --json, on stderr). */
export function downloadProgressJson(p: DownloadProgress, rate: ReturnType<ReturnType<typeof downloadRate>>): unknown {
  return {
    progress: {
      done: p.done,
      total: p.total,
      bytes: p.bytes,
      seconds: Number((p.elapsedMs / 1000).toFixed(1)),
      bytesPerSecond: Math.round(rate.bytesPerSecond),
      secondsLeft: rate.secondsLeft === undefined ? null : Math.round(rate.secondsLeft),
      ...(p.writing === true ? { writing: "sorted-file" } : {}),
    },
  };
}

export function failureText(failure: PrefixFailure): string {
  switch (failure.kind) {
    case "status": {
      if (failure.status === 404) return t("data:failure.notFound");
      // node:http read only here, for its status words: printing a password check never needs it.
      const text = process.getBuiltinModule("node:http").STATUS_CODES[failure.status];
      return t("data:failure.status", { status: ltr(text === undefined ? String(failure.status) : `${failure.status} ${text}`) });
    }
    case "network":
      return t("data:failure.network", { code: ltr(failure.code) });
    case "write":
      return t("data:failure.write", { code: ltr(failure.code) });
    default:
      return t(`data:failure.${failure.kind}`);
  }
}

const rangesText = (missing: DownloadSummary["missing"]) => {
  const listed = missing.ranges.map(({ from, to }) => ltr(from === to ? from : `${from}-${to}`)).join(", ");
  return missing.rangeCount > missing.ranges.length ? t("data:download.moreRanges", { listed, count: missing.rangeCount - missing.ranges.length, n: ltrNumber(missing.rangeCount - missing.ranges.length) }) : listed;
};

export function downloadText(result: DownloadResult, style: Style): string {
  const s = result.summary;
  const dir = ltr(sanitizeLine(s.dir));
  const kind = MODE_NAME[s.mode];
  const out: string[] = [];
  if (s.complete) out.push(style.green(t("data:download.complete", { count: s.range.count, n: ltrNumber(s.range.count), kind, dir })));
  else out.push(style.red(t("data:download.incomplete", { count: s.missing.count, n: ltrNumber(s.missing.count), total: ltrNumber(s.range.count), ranges: rangesText(s.missing) })));
  const size = ltr(formatSize(s.bytes));
  const seconds = ltr(formatDecimal(s.seconds));
  out.push(`  ${t("data:download.fetched", { n: ltrNumber(s.fetched), size, seconds })}`);
  if (s.kept > 0) out.push(`  ${t("data:download.kept", { n: ltrNumber(s.kept) })}`);
  if (s.repaired > 0) out.push(`  ${t("data:download.repaired", { n: ltrNumber(s.repaired) })}`);
  if (s.refresh) {
    out.push(`  ${t("data:download.changed", { n: ltrNumber(s.changed) })}`);
    out.push(`  ${t("data:download.unchanged", { n: ltrNumber(s.unchanged) })}`);
  }
  for (const { prefix, failure } of s.failures) out.push(`  ${ltr(prefix)}: ${failureText(failure)}`);
  if (s.failureCount > s.failures.length) out.push(`  ${t("data:download.moreFailures", { count: s.failureCount - s.failures.length, n: ltrNumber(s.failureCount - s.failures.length) })}`);
  if (s.sortedFile !== undefined) out.push(`  ${t("data:download.sortedFile", { file: ltr(sanitizeLine(s.sortedFile)) })}`);
  if (s.complete) out.push(`  ${t("data:download.next", { path: ltr(sanitizeLine(s.sortedFile ?? s.dir)) })}`);
  else {
    if (s.format === "file") out.push(`  ${t("data:download.fileLater")}`);
    out.push(`  ${t("data:download.again")}`);
  }
  return `${out.join("\n")}\n`;
}

export function downloadJson(result: DownloadResult): unknown {
  const s = result.summary;
  return {
    dir: s.dir,
    mode: s.mode,
    format: s.format,
    range: s.range,
    complete: s.complete,
    refresh: s.refresh,
    fetched: s.fetched,
    kept: s.kept,
    repaired: s.repaired,
    changed: s.changed,
    unchanged: s.unchanged,
    bytes: s.bytes,
    seconds: Number(s.seconds.toFixed(3)),
    missing: s.missing,
    failures: s.failures.map(({ prefix, failure }) => ({ prefix, ...failure, message: failureText(failure) })),
    failureCount: s.failureCount,
    manifest: s.manifest,
    ...(s.sortedFile === undefined ? {} : { sortedFile: s.sortedFile }),
  };
}

type DataVerifyResult = Extract<CommandResult, { kind: "data-verify" }>;

/** For `harden data verify` of a downloaded folder: what its record says, checked. */
export function manifestLines(result: DataVerifyResult, style: Style): string[] {
  const m = result.manifest;
  if (m === undefined) return [];
  if (!m.modeMatches) return [style.red(`✗ ${t("data:verify.manifestMode", { kind: MODE_NAME[m.mode] })}`)];
  if (m.completedAt === null) return [style.yellow(`! ${t("data:verify.manifestIncomplete")}`)];
  if (m.missing > 0) return [style.red(`✗ ${t("data:verify.manifestMissing", { count: m.missing, n: ltrNumber(m.missing) })}`)];
  return [`  ${t("data:verify.manifestComplete", { date: ltr(m.completedAt.slice(0, 10)), n: ltrNumber(m.range.count), from: ltr(m.range.from), to: ltr(m.range.to) })}`];
}

/** What `harden serve` prints when it starts, for the trainer (stderr). */
export function serveBanner(info: ServeListening, style: Style, qr: ((text: string) => string) | undefined): string {
  const url = ltr(info.url);
  const port = info.bound.replace(/^.*:/, "");
  // With no local address found there is no URL to show: not this computer's loopback, which participants cannot use.
  const out = [style.green(info.noAddress ? t("data:serve.listeningEverywhere", { port }) : t("data:serve.listening", { url }))];
  if (info.localOnly) out.push(t("data:serve.localOnly"));
  // harden's own client would refuse this address for plain http: no command or code that fails.
  else if (info.notLocal) out.push(style.yellow(t("data:serve.notLocal", { address: ltr(info.bound) })));
  // With no address found, no command that points at this computer's own loopback.
  else if (info.noAddress) out.push(style.yellow(t("data:serve.noAddress")), t("data:serve.participantsNoAddress", { port }));
  else {
    out.push(t("data:serve.participants", { url }));
    if (qr !== undefined) out.push(t("data:serve.qr"), qr(info.url).trimEnd());
  }
  if (info.otherAddresses.length > 0) out.push(t("data:serve.otherAddresses", { addresses: ltr(info.otherAddresses.join(", ")) }));
  if (!info.localOnly) out.push(style.yellow(t("data:serve.plainHttp")));
  if (!info.verified) out.push(style.yellow(t("data:serve.neverVerified", { command: ltr(`harden data verify ${sanitizeLine(info.path)}`) })));
  out.push(t("data:serve.stop"));
  return `${out.join("\n")}\n`;
}

export function serveCountsText(counts: ServeCounts): string {
  return t("data:serve.counts", { requests: ltrNumber(counts.requests), ok: ltrNumber(counts.ranges), bad: ltrNumber(counts.refused), failed: ltrNumber(counts.failed) });
}

export function serveRequestText(line: { method: string; path: string; status: number }): string {
  return t("data:serve.request", { method: ltr(sanitizeLine(line.method)), path: ltr(sanitizeLine(line.path)), status: ltr(String(line.status)) });
}

export function serveStoppedText(result: Extract<CommandResult, { kind: "serve" }>): string {
  const c = result.counts;
  return t("data:serve.stopped", { seconds: ltr(result.seconds.toFixed(0)), requests: ltrNumber(c.requests), ok: ltrNumber(c.ranges), bad: ltrNumber(c.refused), failed: ltrNumber(c.failed) });
}
