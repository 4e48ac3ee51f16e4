/**
 * 1Password 8: File > Export > CSV.
 *
 * Not confirmed against 1Password itself (closed source; the support pages found only list the fields:
 * title, website, username, password, one-time password, favorite, archived, tags, notes). The exact
 * header is the one pass-import reads for 1Password 8 (pass_import/managers/onepassword.py,
 * OnePassword8CSV). Favorite and Archived are required because they tell it apart from Apple's
 * Title,URL,Username,Password,Notes,OTPAuth.
 */
import type { CsvFormat } from "./csvExport.js";

export const onePasswordCsv: CsvFormat = {
  format: "1password-csv",
  label: "1Password CSV",
  header: ["Title", "Url", "Username", "Password", "OTPAuth", "Favorite", "Archived", "Tags", "Notes"],
  required: ["Title", "Url", "Username", "Password", "Favorite", "Archived"],
  columns: { name: "Title", url: "Url", username: "Username", password: "Password", totp: "OTPAuth" },
};
