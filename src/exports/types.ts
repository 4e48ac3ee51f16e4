/** What every importer returns, whatever the password manager wrote. */

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
  /** As the manager wrote it; Bitwarden entries with several URIs have them joined with "," as its CSV export does. */
  url: string;
  username: string;
  /** "" for entries without one: secure notes, cards, logins saved without a password. */
  password: string;
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

export function parsedExport(
  format: ExportFormat,
  entries: ExportEntry[],
  skipped: SkippedRecord[],
): ParsedExport {
  const withoutPassword = entries.filter((entry) => entry.password === "").length;
  return { format, entries, withoutPassword, skipped };
}
