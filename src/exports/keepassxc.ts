/**
 * KeePassXC: Database > Export > CSV File.
 *
 * Confirmed in KeePassXC's writer, src/format/CsvExporter.cpp (exportHeader): Group, Title, Username,
 * Password, URL, Notes, TOTP, Icon, Last Modified, Created, every value quoted. Older releases
 * wrote only the first six columns (same file, earlier commits), so only those identify the format.
 */
import type { CsvFormat } from "./csvExport.js";

export const keepassxcCsv: CsvFormat = {
  format: "keepassxc-csv",
  label: "KeePassXC CSV",
  header: ["Group", "Title", "Username", "Password", "URL", "Notes", "TOTP", "Icon", "Last Modified", "Created"],
  required: ["Group", "Title", "Username", "Password", "URL", "Notes"],
  columns: { name: "Title", url: "URL", username: "Username", password: "Password", totp: "TOTP" },
};
