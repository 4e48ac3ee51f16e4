/**
 * Firefox: about:logins > menu > Export Logins.
 *
 * Confirmed in Firefox's writer, toolkit/components/passwordmgr/LoginExport.sys.mjs: columns origin
 * (written as "url"), username, password, httpRealm, formActionOrigin, guid, timeCreated, timeLastUsed,
 * timePasswordChanged; every value quoted, rows joined with CRLF. There is no title column.
 */
import type { CsvFormat } from "./csvExport.js";

export const firefoxCsv: CsvFormat = {
  format: "firefox-csv",
  label: "Firefox CSV",
  header: [
    "url",
    "username",
    "password",
    "httpRealm",
    "formActionOrigin",
    "guid",
    "timeCreated",
    "timeLastUsed",
    "timePasswordChanged",
  ],
  required: ["url", "username", "password", "httpRealm", "formActionOrigin"],
  columns: { name: null, url: "url", username: "username", password: "password" },
};
