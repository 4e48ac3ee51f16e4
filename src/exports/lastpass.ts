/**
 * LastPass: Advanced Options > Export.
 *
 * LastPass's help page on its generic CSV format (support.logmeininc.com, "import stored data using
 * a generic CSV file") lists url, username, password, extra, name, grouping, fav, with url "http://sn"
 * for a secure note; pass-import (pass_import/managers/lastpass.py) reads exports by the same names.
 * Newer exports add totp after password (seen in third-party importers' sample files, not confirmed by
 * LastPass), so it is not required.
 */
import type { CsvFormat } from "./csvExport.js";

/** LastPass's marker in the url column for a secure note rather than a site login. */
const SECURE_NOTE_URL = "http://sn";

export const lastpassCsv: CsvFormat = {
  format: "lastpass-csv",
  label: "LastPass CSV",
  header: ["url", "username", "password", "totp", "extra", "name", "grouping", "fav"],
  required: ["url", "username", "password", "extra", "name", "grouping", "fav"],
  columns: { name: "name", url: "url", username: "username", password: "password", totp: "totp" },
  login: { column: "url", is: (url) => url.trim() !== SECURE_NOTE_URL },
};
