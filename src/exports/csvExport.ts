/**
 * The one reader behind every CSV format. A format is only a column map (the per-manager modules);
 * columns are found by header name, case-insensitively, so their order and any extra columns do not matter.
 */
import { InvalidInputError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { CsvRecord } from "./csvRecords.js";
import { parsedExport } from "./types.js";
import type { ExportEntry, ExportFormat, ParsedExport, SkippedRecord } from "./types.js";

export type CsvExportFormat = Exclude<ExportFormat, "bitwarden-json">;

export interface CsvFormat {
  readonly format: CsvExportFormat;
  /** For messages, e.g. "Chrome / Edge CSV". */
  readonly label: string;
  /** The header the manager writes (newest version), in its order and spelling. */
  readonly header: readonly string[];
  /**
   * The columns that recognise the format. Columns added in later versions (Chrome's note, KeePassXC's
   * TOTP...) are left out so that older exports are still recognised.
   */
  readonly required: readonly string[];
  /** The column each entry field is read from; `name` is null where the format has no title column. */
  readonly columns: {
    readonly name: string | null;
    readonly url: string;
    readonly username: string;
    readonly password: string;
    /** A one-time-code column, read only as "set or not"; optional in the file (older exports lack it). */
    readonly totp?: string;
  };
  /**
   * For formats that mix logins with other records (notes): tells them apart. Other records are still
   * returned, with only their name, so the caller can count them.
   */
  readonly login?: { readonly column: string; readonly is: (value: string) => boolean };
}

/** Header names are matched trimmed and case-insensitively: spreadsheets re-save them in other cases. */
export function normalizeColumn(name: string): string {
  return name.trim().toLowerCase();
}

/** The columns a format actually reads; the rest of its header only serves to recognise it. */
export function columnsRead(spec: CsvFormat): string[] {
  const { name, url, username, password } = spec.columns;
  const read = [url, username, password];
  if (name !== null) read.push(name);
  if (spec.login) read.push(spec.login.column);
  return read;
}

/** `records` starts with the header record. `source` names the file in error messages. */
export function readCsvExport(spec: CsvFormat, records: CsvRecord[], source: string): ParsedExport {
  const [header, ...rows] = records;
  if (!header) throw new InvalidInputError(t("password:export.empty", { source }));
  const field = locateColumns(spec, header, source);
  const totpAt = spec.columns.totp === undefined ? -1 : header.fields.map(normalizeColumn).indexOf(normalizeColumn(spec.columns.totp));
  const entries: ExportEntry[] = [];
  const skipped: SkippedRecord[] = [];
  for (const { line, fields } of rows) {
    // A record with too few or too many fields has its values shifted (typically an unquoted comma or
    // line break): reading it would put a note where the password should be.
    if (fields.length !== header.fields.length) {
      skipped.push({
        line,
        reason: t("password:export.skip.fieldCount", { count: fields.length, n: fields.length, header: header.fields.length }),
      });
      continue;
    }
    if (fields.every((value) => value === "")) {
      skipped.push({ line, reason: t("password:export.skip.empty") });
      continue;
    }
    const value = (column: string): string => fields[field(column)] ?? "";
    const isLogin = spec.login ? spec.login.is(value(spec.login.column)) : true;
    entries.push({
      line,
      name: spec.columns.name === null ? "" : value(spec.columns.name),
      url: isLogin ? value(spec.columns.url) : "",
      username: isLogin ? value(spec.columns.username) : "",
      password: isLogin ? value(spec.columns.password) : "",
      ...(isLogin && totpAt >= 0 && (fields[totpAt] ?? "").trim() !== "" && { hasTotp: true }),
    });
  }
  return parsedExport(spec.format, entries, skipped);
}

/** Returns the index lookup for the columns the format reads, after checking each is there exactly once. */
function locateColumns(spec: CsvFormat, header: CsvRecord, source: string): (column: string) => number {
  const names = header.fields.map(normalizeColumn);
  const index = new Map<string, number>();
  const missing: string[] = [];
  for (const column of columnsRead(spec)) {
    const wanted = normalizeColumn(column);
    const first = names.indexOf(wanted);
    if (first === -1) {
      missing.push(column);
    } else if (names.indexOf(wanted, first + 1) !== -1) {
      throw new InvalidInputError(t("password:export.columnTwice", { source, line: header.line, column: `"${column}"` }));
    } else {
      index.set(wanted, first);
    }
  }
  if (missing.length > 0) {
    const list = missing.map((column) => `"${column}"`).join(", ");
    throw new InvalidInputError(
      t("password:export.columnMissing", { source, line: header.line, count: missing.length, columns: list, format: spec.format, label: spec.label, flag: "--format" }),
    );
  }
  return (column) => index.get(normalizeColumn(column)) ?? -1;
}
