/**
 * Bitwarden: Tools > Export vault, as ".csv" or ".json" (harden cannot read ".json (Encrypted)").
 *
 * Confirmed in Bitwarden's exporter, bitwarden/clients
 * libs/tools/export/vault-export/vault-export-core/src/services/base-vault-export.service.ts:
 * - CSV: buildCommonCipher fills type ("login" or "note"; other item types are left out of CSV
 *   exports), name, notes, fields, reprompt, login_uri (every URI of the item), login_username,
 *   login_password, login_totp. The full header with folder and favorite first is the one third-party
 *   tools write and read (the lockwise2bitwarden converter, sos-migrate's BitwardenPasswordRecord);
 *   older exports and many converters have no reprompt column, so it is not required.
 * - JSON: items[].name and items[].login.{username, password, uris[].uri}; only login items get
 *   `login` (CipherExport.build in libs/common/src/models/export/cipher.export.ts). Both encrypted kinds (account key, or password-protected with `passwordProtected: true`)
 *   carry `"encrypted": true` at the top.
 */
import { isRecord } from "../core/records.js";
import { InvalidInputError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { CsvFormat } from "./csvExport.js";
import { stripBom } from "./csvRecords.js";
import { parsedExport } from "./types.js";
import type { ExportEntry, ParsedExport, SkippedRecord } from "./types.js";

export const bitwardenCsv: CsvFormat = {
  format: "bitwarden-csv",
  label: "Bitwarden CSV",
  header: [
    "folder",
    "favorite",
    "type",
    "name",
    "notes",
    "fields",
    "reprompt",
    "login_uri",
    "login_username",
    "login_password",
    "login_totp",
  ],
  required: ["type", "name", "login_uri", "login_username", "login_password"],
  columns: { name: "name", url: "login_uri", username: "login_username", password: "login_password", totp: "login_totp" },
  // An empty type counts as a login, as Bitwarden's own importer defaults to one: a hand-made file
  // should not have its passwords hidden from the scan.
  login: { column: "type", is: (type) => ["login", ""].includes(type.trim().toLowerCase()) },
};

export const BITWARDEN_JSON_LABEL = "Bitwarden JSON (unencrypted)";

/** `source` names the file in error messages. */
export function readBitwardenJson(text: string, source: string): ParsedExport {
  let document: unknown;
  try {
    document = JSON.parse(stripBom(text));
  } catch {
    // JSON.parse's message quotes the text around the mistake, which may be a password.
    throw new InvalidInputError(t("password:export.bitwarden.notJson", { source }));
  }
  if (!isRecord(document)) throw notBitwarden(source);
  if (document["encrypted"] === true) {
    throw new InvalidInputError(t("password:export.bitwarden.encrypted", { source, json: '".json"', encrypted: '".json (Encrypted)"', csv: '".csv"' }));
  }
  const items = document["items"];
  if (!Array.isArray(items)) throw notBitwarden(source);

  const entries: ExportEntry[] = [];
  const skipped: SkippedRecord[] = [];
  items.forEach((item: unknown, index) => {
    const line = index + 1;
    const read = readItem(item);
    if (typeof read === "string") skipped.push({ line, reason: read });
    else entries.push({ line, ...read });
  });
  return parsedExport("bitwarden-json", entries, skipped);
}

function notBitwarden(source: string): InvalidInputError {
  return new InvalidInputError(t("password:export.bitwarden.noItems", { source, items: '"items"', json: '".json"', csv: '".csv"' }));
}

type ItemFields = Omit<ExportEntry, "line">;

/** The entry, or why the item cannot be read (naming the field, never its value). */
function readItem(item: unknown): ItemFields | string {
  if (!isRecord(item)) return t("password:export.bitwarden.itemNotObject");
  const name = text(item["name"]);
  if (name === undefined) return t("password:export.bitwarden.notText", { field: '"name"' });
  const login = item["login"];
  // Notes, cards, identities and SSH keys have no login: returned without a password so they are counted.
  if (login === undefined || login === null) return { name, url: "", username: "", password: "" };
  if (!isRecord(login)) return t("password:export.bitwarden.notObject", { field: '"login"' });
  const username = text(login["username"]);
  if (username === undefined) return t("password:export.bitwarden.notText", { field: '"login.username"' });
  const password = text(login["password"]);
  if (password === undefined) return t("password:export.bitwarden.notText", { field: '"login.password"' });
  const url = uris(login["uris"]);
  if (url === undefined) return t("password:export.bitwarden.notUris", { field: '"login.uris"' });
  const totp = login["totp"];
  return { name, url, username, password, ...(typeof totp === "string" && totp.trim() !== "" && { hasTotp: true }) };
}

/** Joined with "," as Bitwarden's CSV export writes them, so both exports of a vault give the same entries. */
function uris(value: unknown): string | undefined {
  if (value === undefined || value === null) return "";
  if (!Array.isArray(value)) return undefined;
  const found: string[] = [];
  for (const entry of value) {
    if (!isRecord(entry)) return undefined;
    const uri = text(entry["uri"]);
    if (uri === undefined) return undefined;
    if (uri !== "") found.push(uri);
  }
  return found.join(",");
}

/** Bitwarden writes null for empty fields; anything else that is not a string is not its format. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : undefined;
}

