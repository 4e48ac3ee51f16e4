/**
 * Recognising an export by its header, and saying what to do when nothing fits.
 *
 * Error messages here may only repeat column names harden itself knows: when a file has no header,
 * its first line is an entry, and echoing it would print a password.
 */
import { InvalidInputError } from "../errors.js";
import { t } from "../i18n/index.js";
import { andList, orList } from "../output/locale.js";
import { columnsRead, normalizeColumn } from "./csvExport.js";
import type { CsvFormat } from "./csvExport.js";
import { readCsvRecords, stripBom } from "./csvRecords.js";
import type { CsvRecord } from "./csvRecords.js";
import { CSV_FORMATS, formatLabel } from "./formats.js";
import { EXPORT_FORMATS } from "./types.js";
import type { ExportFormat } from "./types.js";

/** How messages name the file when the caller does not pass its name. */
export const DEFAULT_SOURCE = "the export file";

export function detectFormat(text: string, source: string = DEFAULT_SOURCE): ExportFormat {
  if (looksLikeJson(text)) return "bitwarden-json";
  return detectCsvFormat(readHeader(text, source), source).format;
}

/** Bitwarden's is the only JSON export harden reads, and no CSV header starts with a bracket. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(stripBom(text));
}

/** Reads only the first record, so a broken line further down does not hide a wrong header. */
export function readHeader(text: string, source: string): CsvRecord {
  const [header] = readCsvRecords(text, source, 1);
  if (!header) {
    throw new InvalidInputError(t("password:export.emptyHeader", { source }));
  }
  return header;
}

export function detectCsvFormat(header: CsvRecord, source: string): CsvFormat {
  const has = columnTest(header);
  const fitting = Object.values(CSV_FORMATS).filter((spec) => spec.required.every(has));
  if (fitting.length === 0) throw unknownHeader(header, source);
  // Several formats can fit at once: LastPass's header holds all of Chrome's columns, 1Password's all
  // of Apple's. The file is the one whose own header accounts for the most of its columns.
  const score = (spec: CsvFormat): number => spec.header.filter(has).length;
  const best = Math.max(...fitting.map(score));
  const winners = fitting.filter((spec) => score(spec) === best);
  const [winner] = winners;
  if (winner && winners.length === 1) return winner;
  throw new InvalidInputError(
    t("password:export.ambiguous", { source, line: header.line, formats: andList(winners.map((spec) => spec.label)), flags: orList(winners.map((spec) => `--format ${spec.format}`)) }),
  );
}

function columnTest(header: CsvRecord): (column: string) => boolean {
  const present = new Set(header.fields.map(normalizeColumn));
  return (column) => present.has(normalizeColumn(column));
}

/** Every column name of every format, normalized. */
const KNOWN_COLUMNS = new Set(Object.values(CSV_FORMATS).flatMap((spec) => spec.header.map(normalizeColumn)));

/** Every format harden reads, one line each: "bitwarden-csv: Bitwarden CSV". */
export const formatChoices = () => EXPORT_FORMATS.map((format) => `${format}: ${formatLabel(format)}`);

function unknownHeader(header: CsvRecord, source: string): InvalidInputError {
  const known: string[] = [];
  let others = 0;
  for (const field of header.fields) {
    // Safe to repeat: it is one of harden's own column names, give or take case and spaces.
    if (KNOWN_COLUMNS.has(normalizeColumn(field))) known.push(field.trim());
    else others++;
  }
  const knownWords = known.length > 0 ? t("password:export.unknown.known", { columns: known.join(", ") }) : t("password:export.unknown.noneKnown");
  const found = others > 0 ? t("password:export.unknown.others", { known: knownWords, count: others, n: others }) : knownWords;
  // Formats whose columns are all there but whose other identifying columns are not: --format reads them.
  const readable = Object.values(CSV_FORMATS).filter((spec) => columnsRead(spec).every(columnTest(header)));
  const message =
    readable.length > 0
      ? t("password:export.unknown.withHint", {
          source,
          line: header.line,
          found,
          labels: orList(readable.map((spec) => spec.label)),
          flags: `--format ${orList(readable.map((spec) => spec.format))}`,
          choose: "--format NAME",
        })
      : t("password:export.unknown.noHint", { source, line: header.line, found, choose: "--format NAME" });
  // The formats go one per line, as the error's problems: a message is printed as one line.
  return new InvalidInputError(message, formatChoices());
}
