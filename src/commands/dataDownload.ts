/**
 * harden data download DIR: every Pwned Passwords range into DIR (resumable, incremental), for
 * --offline checks and for `harden serve`. Exit 0 when every prefix is there, 3 when some are not.
 */
import { mkdirSync, statSync } from "node:fs";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { CommandResult } from "../output/results.js";
import type { DownloadProgress, PrefixRange } from "../breach/download.js";
import type { Context } from "./context.js";
import { checkRangeUrl } from "./passwordOptions.js";

export interface DataDownloadOptions {
  ntlm?: boolean;
  format?: string;
  concurrency?: string;
  rangeUrl?: string;
  prefixes?: string;
}

export async function dataDownloadCommand(
  ctx: Context,
  dir: string,
  options: DataDownloadOptions,
  deps: { version: string; onProgress?: (progress: DownloadProgress) => void; signal?: AbortSignal; warn?: (line: string) => void },
): Promise<CommandResult> {
  const format = options.format ?? "folder";
  if (format !== "folder" && format !== "file") throw new UsageError(t("data:usage.format", { value: format }));
  let concurrency: number | undefined;
  if (options.concurrency !== undefined) {
    concurrency = Number(options.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new UsageError(t("data:usage.concurrency", { value: options.concurrency }));
  }
  const { DEFAULT_RANGE_BASE_URL } = await import("../breach/rangeClient.js");
  const { downloadRanges, parsePrefixRange, readManifest } = await import("../breach/download.js");
  const { MODE_NAME } = await import("../breach/hash.js");
  let range: PrefixRange | undefined;
  if (options.prefixes !== undefined) {
    range = parsePrefixRange(options.prefixes);
    if (range === undefined) throw new UsageError(t("data:usage.prefixes", { value: options.prefixes }));
  }
  const warn = deps.warn ?? (() => {});
  const baseUrl = checkRangeUrl(options.rangeUrl ?? (ctx.env.HARDEN_RANGE_URL || undefined), warn) ?? DEFAULT_RANGE_BASE_URL;
  // Refused before any request: a bad address is the person's to fix.
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("protocol");
  } catch {
    throw new UsageError(t("data:usage.badUrl", { url: baseUrl }));
  }
  try {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
  } catch {
    // Said below in words when it is not a folder.
  }
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new UsageError(t("data:usage.notFolder", { dir }));
  const mode = options.ntlm ? "ntlm" : "sha1";
  // Files of the other kind would all look damaged and be overwritten one by one.
  const earlier = readManifest(dir);
  if (earlier !== undefined && earlier.mode !== mode) throw new UsageError(t("data:usage.otherMode", { dir, found: MODE_NAME[earlier.mode], wanted: MODE_NAME[mode] }));
  // The whole set, asked on a network that may be slow or paid by the gigabyte: said before it starts.
  if (range === undefined && earlier?.completedAt == null) warn(t("data:download.wholeSize", { flag: "--prefixes" }));
  const summary = await downloadRanges({
    dir,
    mode,
    format,
    baseUrl,
    version: deps.version,
    concurrency,
    range,
    now: ctx.now,
    onProgress: deps.onProgress,
    signal: deps.signal,
  });
  return { kind: "data-download", summary };
}
