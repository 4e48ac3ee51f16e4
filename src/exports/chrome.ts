/**
 * Chrome, Edge and other Chromium browsers: Password Manager > Settings > Export passwords.
 *
 * Confirmed in Chromium's writer, components/password_manager/core/browser/export/password_csv_writer.cc:
 * columns name, url, username, password, and note only when the kPasswordNotesWithBackup feature is
 * on, so older exports have no note column. Bitwarden's chrome-csv-importer.ts reads the same names.
 */
import type { CsvFormat } from "./csvExport.js";

export const chromeCsv: CsvFormat = {
  format: "chrome-csv",
  label: "Chrome / Edge CSV",
  header: ["name", "url", "username", "password", "note"],
  required: ["name", "url", "username", "password"],
  columns: { name: "name", url: "url", username: "username", password: "password" },
};
