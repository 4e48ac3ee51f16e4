/** What every importer returns, whatever the password manager wrote. */
import { MAX_SECRET_CHARS } from "../input/limits.js";
import { t } from "../i18n/index.js";
import { formatNumber } from "../output/locale.js";
import { withoutCredentials } from "./urlCredentials.js";

/** The formats harden reads. "chrome-csv" also covers Edge, Brave and other Chromium browsers. */
export const EXPORT_FORMATS = [
  "bitwarden-csv",
  "bitwarden-json",
  "1password-csv",
  "chrome-csv",
  "firefox-csv",
  "keepassxc-csv",
  "lastpass-csv",
  "apple-csv",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** For the CLI's `--format NAME`: narrows a flag value without a cast. */
export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface ExportEntry {
  /** 1-based line the CSV record starts on (a record may span lines), or index + 1 in a JSON items list. */
  line: number;
  /** The entry's title; "" when the format has none (Firefox), so show `url` instead. */
  name: string;
  /** As the manager wrote it, less any user:password@ in it; Bitwarden entries with several URIs have them joined with "," as its CSV export does. */
  url: string;
  username: string;
  /** "" for entries without one: secure notes, cards, logins saved without a password. */
  password: string;
  /** true when the entry has a one-time-code (TOTP) field set: two-factor is on there. Never the secret itself. */
  hasTotp?: boolean;
}

/** A record that could not be read as an entry. The reason never quotes the file. */
export interface SkippedRecord {
  line: number;
  reason: string;
}

export interface ParsedExport {
  format: ExportFormat;
  /** Every entry, including the ones without a password, so the caller can count them. */
  entries: ExportEntry[];
  /** How many of `entries` have password "". */
  withoutPassword: number;
  skipped: SkippedRecord[];
}

/** The fields harden reads, each too long a skipped row (its reason names the field: password:export.skip.tooLong.FIELD). */
const FIELD_WORDS: ReadonlyArray<[keyof Omit<ExportEntry, "line" | "hasTotp">, string]> = [
  ["name", "name"],
  ["url", "url"],
  ["username", "username"],
  ["password", "password"],
];

/**
 * What every importer ends with. An entry with a field over MAX_SECRET_CHARS becomes a skipped
 * row (a whole export may be large; one field that size is not a login). Credentials written
 * into a URL (https://admin:pw@host/) are cut out here, so no output can show them.
 */
export function parsedExport(format: ExportFormat, read: ExportEntry[], skippedByReader: SkippedRecord[]): ParsedExport {
  const entries: ExportEntry[] = [];
  const skipped = [...skippedByReader];
  for (const entry of read) {
    const tooLong = FIELD_WORDS.find(([field]) => entry[field].length > MAX_SECRET_CHARS);
    if (tooLong) {
      skipped.push({ line: entry.line, reason: t(`password:export.skip.tooLong.${tooLong[1]}`, { max: formatNumber(MAX_SECRET_CHARS) }) });
      continue;
    }
    entries.push({ ...entry, name: withoutCredentials(entry.name), url: withoutCredentials(entry.url, { bare: true }) });
  }
  if (skipped.length > skippedByReader.length) skipped.sort((a, b) => a.line - b.line);
  const withoutPassword = entries.filter((entry) => entry.password === "").length;
  return { format, entries, withoutPassword, skipped };
}
