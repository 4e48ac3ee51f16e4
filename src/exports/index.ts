/**
 * Password-manager export importers: text in, entries out. No printing, no exit: errors are
 * InvalidInputError (exit 2) whose messages name lines and columns but never a value from the file.
 */
import { readBitwardenJson } from "./bitwarden.js";
import { readCsvExport } from "./csvExport.js";
import { readCsvRecords } from "./csvRecords.js";
import { DEFAULT_SOURCE, detectCsvFormat, looksLikeJson, readHeader } from "./detect.js";
import { CSV_FORMATS } from "./formats.js";
import type { ExportFormat, ParsedExport } from "./types.js";

export { detectFormat, formatChoices } from "./detect.js";
export { formatLabel } from "./formats.js";
export { EXPORT_FORMATS, isExportFormat } from "./types.js";
export type { ExportEntry, ExportFormat, ParsedExport, SkippedRecord } from "./types.js";

/**
 * Reads an export. Without `format` it is recognised from the header (see detectFormat); with one, only
 * the columns that format reads need to be there. `source` names the file in error messages.
 */
export function parseExport(text: string, format?: ExportFormat, source: string = DEFAULT_SOURCE): ParsedExport {
  if (format === "bitwarden-json" || (format === undefined && looksLikeJson(text))) {
    return readBitwardenJson(text, source);
  }
  // The header is checked before the whole file is read, so a wrong file is reported as such
  // rather than by its first malformed line.
  const spec = format === undefined ? detectCsvFormat(readHeader(text, source), source) : CSV_FORMATS[format];
  return readCsvExport(spec, readCsvRecords(text, source), source);
}
