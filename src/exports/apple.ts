/**
 * Apple Passwords (macOS 15+) and Safari: File > Export All Passwords.
 *
 * Apple's support page only says the file holds "website titles, website addresses, user names, and
 * passwords" and publishes no source. The header Title,URL,Username,Password,Notes,OTPAuth is what
 * converters targeting Apple Passwords write (e.g. ake2l/enpass-apple-migrator, gutenye/
 * password-manager-tools applePasswords/types.ts); Brave's Safari importer
 * (csv_safari_password_sequence.cc) reads title, url, username, password, notes case-insensitively.
 * Notes is not required: sample Safari exports in other importers' test data
 * (e.g. Devonav/GoTrigger) are Title,Url,Username,Password,OTPAuth without it.
 */
import type { CsvFormat } from "./csvExport.js";

export const appleCsv: CsvFormat = {
  format: "apple-csv",
  label: "Apple Passwords / Safari CSV",
  header: ["Title", "URL", "Username", "Password", "Notes", "OTPAuth"],
  required: ["Title", "URL", "Username", "Password", "OTPAuth"],
  columns: { name: "Title", url: "URL", username: "Username", password: "Password", totp: "OTPAuth" },
};
