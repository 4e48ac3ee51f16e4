/** The registry of CSV formats that detection and --format go through. */
import { appleCsv } from "./apple.js";
import { BITWARDEN_JSON_LABEL, bitwardenCsv } from "./bitwarden.js";
import { chromeCsv } from "./chrome.js";
import type { CsvExportFormat, CsvFormat } from "./csvExport.js";
import { firefoxCsv } from "./firefox.js";
import { keepassxcCsv } from "./keepassxc.js";
import { lastpassCsv } from "./lastpass.js";
import { onePasswordCsv } from "./onePassword.js";
import type { ExportFormat } from "./types.js";

export const CSV_FORMATS: Readonly<Record<CsvExportFormat, CsvFormat>> = {
  "bitwarden-csv": bitwardenCsv,
  "1password-csv": onePasswordCsv,
  "chrome-csv": chromeCsv,
  "firefox-csv": firefoxCsv,
  "keepassxc-csv": keepassxcCsv,
  "lastpass-csv": lastpassCsv,
  "apple-csv": appleCsv,
};

/** For messages and help: "Chrome / Edge CSV". */
export function formatLabel(format: ExportFormat): string {
  return format === "bitwarden-json" ? BITWARDEN_JSON_LABEL : CSV_FORMATS[format].label;
}
