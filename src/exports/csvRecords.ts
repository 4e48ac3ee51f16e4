/**
 * CSV text to records that know the line they start on, with errors that never quote the file.
 *
 * csv-parse does the CSV work (quoted commas, embedded newlines, doubled quotes, CRLF). Two things of
 * its own cannot be passed on:
 * - its line counter gives the line a record ENDS on and counts a CRLF inside a quoted field as two
 *   lines, so start lines are worked out here from the byte offset where the previous record ended,
 *   which csv-parse reports exactly;
 * - its error messages (and the properties of its errors) can contain the field being read, which may
 *   be a password, so only the error code is used.
 */
import { CsvError, parse } from "csv-parse/sync";
import { InvalidInputError } from "../errors.js";
import { t } from "../i18n/index.js";

export interface CsvRecord {
  /** 1-based; a line ends at CRLF, LF or a lone CR. */
  line: number;
  fields: string[];
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * `limit` stops after that many records, so detecting a format does not read (or choke on) the whole file.
 * `source` names the file in error messages.
 */
export function readCsvRecords(text: string, source: string, limit?: number): CsvRecord[] {
  // Bytes, not the string, because the offsets csv-parse reports are byte offsets.
  const bytes = Buffer.from(stripBom(text), "utf8");
  const lineAt = lineCounter(bytes);
  const ends: number[] = [];
  let rows: string[][];
  try {
    rows = parse(bytes, {
      // All three, always: csv-parse otherwise guesses from the first line break and then reads a
      // lone LF in a CRLF file (a hand-edited export) as part of a field.
      record_delimiter: ["\r\n", "\n", "\r"],
      skip_empty_lines: true,
      // A record with the wrong number of fields is skipped and reported by the caller, not fatal.
      relax_column_count: true,
      on_record: (record, context) => {
        ends.push(context.bytes);
        return record;
      },
      ...(limit === undefined ? {} : { to: limit }),
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The failing record starts where the last good one ended.
    const line = lineAt(recordStart(bytes, ends.at(-1) ?? 0));
    throw new InvalidInputError(t("password:export.csv.error", { source, line, problem: describeCsvError(error) }));
  }
  return rows.map((fields, index) => ({
    fields,
    line: lineAt(recordStart(bytes, index === 0 ? 0 : (ends[index - 1] ?? 0))),
  }));
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return t("password:export.csv.quoteNotClosed");
    case "CSV_INVALID_CLOSING_QUOTE":
      return t("password:export.csv.closingQuote");
    case "INVALID_OPENING_QUOTE":
      return t("password:export.csv.openingQuote", { quotes: '""' });
    default:
      return t("password:export.csv.invalid");
  }
}

/** Empty lines between records are skipped by csv-parse, so a record starts after them. */
function recordStart(bytes: Buffer, previousEnd: number): number {
  let offset = previousEnd;
  while (offset < bytes.length && (bytes[offset] === LF || bytes[offset] === CR)) offset++;
  return offset;
}

/**
 * Line number of a byte offset. Offsets are asked for in increasing order, so counting carries on from
 * the previous answer instead of rescanning the file for every record.
 */
function lineCounter(bytes: Buffer): (offset: number) => number {
  let line = 1;
  let scanned = 0;
  return (offset) => {
    for (; scanned < offset; scanned++) {
      const byte = bytes[scanned];
      // CR and LF never occur inside a multi-byte UTF-8 sequence, so counting bytes is safe.
      if (byte === LF || (byte === CR && bytes[scanned + 1] !== LF)) line++;
    }
    return line;
  };
}
