/**
 * From the directories' own files to harden's compact site data: 2fa.directory's all-entries.json
 * (each entry checked against its entries.schema.json) and passkeys.directory's (checked against
 * harden's schema for it). Used by the build step (scripts/build-sites.mjs) and by
 * `harden scan --sites-from FILE`. Problems name FILE:LINE and the entry, never guess.
 */
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { isRecord } from "../core/records.js";
import { InvalidInputError } from "../errors.js";
import { t } from "../i18n/index.js";
import { dataDir } from "./dataDir.js";
import type { Site, SiteData, SiteSource, TwoFactorMethod } from "./site.js";

const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(`sites/${name}`, dataDir()), "utf8"));

/**
 * Account hubs the directories file under one service's domain: signing in at google.com,
 * apple.com or microsoft.com is the same account as Gmail, Apple ID or Outlook.com, with the same
 * two-factor settings. Harden's own facts, added as extra domains of those sites.
 */
const ACCOUNT_HUBS: Readonly<Record<string, readonly string[]>> = {
  "mail.google.com": ["google.com"],
  "appleid.apple.com": ["apple.com"],
  "outlook.com": ["live.com", "microsoft.com"],
};

/** The upstream projects, as the credits name them. */
export const SOURCES: Readonly<Record<SiteSource["id"], Omit<SiteSource, "commit">>> = {
  "2fa.directory": {
    id: "2fa.directory",
    home: "https://2fa.directory/",
    repository: "https://github.com/2factorauth/twofactorauth",
    licence: "MIT",
    licenceUrl: "https://github.com/2factorauth/twofactorauth/blob/master/LICENSE.md",
  },
  "passkeys.directory": {
    id: "passkeys.directory",
    home: "https://passkeys.directory/",
    repository: "https://github.com/2factorauth/passkeys",
    licence: "CC BY 4.0",
    licenceUrl: "https://creativecommons.org/licenses/by/4.0/",
  },
};

/** The formats the 2fa.directory schema uses; ajv leaves formats to the caller. */
function validator(schema: unknown): ValidateFunction {
  const ajv = new Ajv({ allErrors: false, strict: false });
  ajv.addFormat("hostname", /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i);
  ajv.addFormat("uri", (value: string) => URL.canParse(value) && /^[a-z][a-z0-9+.-]*:/i.test(value));
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  return ajv.compile(schema as object);
}

let validators: { twofa: ValidateFunction; passkeys: ValidateFunction; compact: ValidateFunction } | undefined;
const schemas = () =>
  (validators ??= {
    twofa: validator(readJson("2fa-entries.schema.json")),
    passkeys: validator(readJson("passkeys-entries.schema.json")),
    compact: validator(readJson("sites.schema.json")),
  });

/** The 1-based line a top-level key of a JSON object is written on, for messages. */
function lineOfKey(text: string, key: string): number {
  const at = text.indexOf(`${JSON.stringify(key)}:`);
  const upTo = at < 0 ? "" : text.slice(0, at);
  return at < 0 ? 1 : upTo.split("\n").length;
}

export interface DirectoryFile {
  /** Named in messages. */
  file: string;
  text: string;
}

/** A directory file's entries keyed by domain, or the problems that make it unusable. */
function entriesOf(input: DirectoryFile, validate: ValidateFunction, problems: string[]): Map<string, Record<string, unknown>> {
  let document: unknown;
  try {
    document = JSON.parse(input.text.replace(/^\uFEFF/, ""));
  } catch (error) {
    problems.push(`${input.file}:1: ${t("sites:directory.notJson", { reason: error instanceof Error ? error.message : String(error) })}`);
    return new Map();
  }
  if (!isRecord(document)) {
    problems.push(`${input.file}:1: ${t("sites:directory.notObject")}`);
    return new Map();
  }
  const out = new Map<string, Record<string, unknown>>();
  for (const [key, value] of Object.entries(document)) {
    const where = () => `${input.file}:${lineOfKey(input.text, key)}: ${JSON.stringify(key)}`;
    if (!isRecord(value) || typeof value["name"] !== "string" || value["name"] === "") {
      problems.push(`${where()}: ${t("sites:directory.noName")}`);
      continue;
    }
    // The directories' own files are { "Display name": {entry} }; all-entries.json moves the name inside.
    const { name, ...entry } = value;
    if (!validate({ [name]: entry })) {
      const error = validate.errors?.[0];
      const field = (error?.instancePath ?? "").split("/").slice(2).join(".");
      problems.push(`${where()}${field ? `: ${field}` : ""}: ${error?.message ?? "is not valid"}`);
      continue;
    }
    out.set(key, value);
  }
  return out;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * The compact data, from 2fa.directory's all-entries.json and, when given, passkeys.directory's.
 * `passkeysFrom` instead takes the passkey facts of already compiled sites (for --sites-from, where
 * only a newer 2fa.directory file is given). Throws InvalidInputError naming every problem.
 */
export function compileSites(
  twofa: DirectoryFile,
  passkeys: DirectoryFile | { sites: readonly Site[] },
  commits: { twofa: string | null; passkeys: string | null; file?: string },
): SiteData {
  const problems: string[] = [];
  const { twofa: checkTwofa, passkeys: checkPasskeys } = schemas();
  const tfaEntries = entriesOf(twofa, checkTwofa, problems);
  const passkeyEntries = "text" in passkeys ? entriesOf(passkeys, checkPasskeys, problems) : undefined;
  if (problems.length > 0) throw new InvalidInputError(t("sites:directory.invalid", { file: twofa.file }), problems);
  if (tfaEntries.size === 0) throw new InvalidInputError(t("sites:directory.empty", { file: twofa.file }));

  const sites = new Map<string, Site>();
  for (const [key, entry] of tfaEntries) {
    const domain = text(entry["domain"]) ?? key;
    const site: Site = { domain, name: String(entry["name"]) };
    site.tfa = strings(entry["tfa"]) as TwoFactorMethod[];
    const documentation = text(entry["documentation"]);
    if (documentation) site.documentation = documentation;
    const domains = strings(entry["additional-domains"]);
    if (domains.length) site.domains = domains;
    sites.set(domain, site);
  }
  if (passkeyEntries) {
    for (const [domain, entry] of passkeyEntries) {
      const site = sites.get(domain) ?? { domain, name: String(entry["name"]) };
      const documentation = text(entry["documentation"]);
      site.passkeys = { passwordless: entry["passwordless"] === "allowed", mfa: entry["mfa"] === "allowed", ...(documentation && { documentation }) };
      const domains = [...new Set([...(site.domains ?? []), ...strings(entry["additional-domains"])])];
      if (domains.length) site.domains = domains;
      sites.set(domain, site);
    }
  } else if ("sites" in passkeys) {
    for (const old of passkeys.sites) {
      if (!old.passkeys) continue;
      const site = sites.get(old.domain) ?? { domain: old.domain, name: old.name, ...(old.domains && { domains: old.domains }) };
      site.passkeys = old.passkeys;
      sites.set(old.domain, site);
    }
  }
  for (const [domain, hubs] of Object.entries(ACCOUNT_HUBS)) {
    const site = sites.get(domain);
    if (site) site.domains = [...new Set([...(site.domains ?? []), ...hubs.filter((hub) => !sites.has(hub))])];
  }
  const data: SiteData = {
    format: 1,
    sources: [
      { ...SOURCES["2fa.directory"], commit: commits.twofa, ...(commits.file !== undefined && { file: commits.file }) },
      { ...SOURCES["passkeys.directory"], commit: commits.passkeys },
    ],
    sites: [...sites.values()].sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0)),
  };
  checkCompact(data, "sites.json");
  return data;
}

/** Checks compact data against data/sites/sites.schema.json. */
export function checkCompact(data: unknown, file: string): asserts data is SiteData {
  const { compact } = schemas();
  if (!compact(data)) {
    const error = compact.errors?.[0];
    throw new InvalidInputError(t("sites:directory.invalid", { file }), [`${file}: ${error?.instancePath || "/"}: ${error?.message ?? "is not valid"}`]);
  }
}

/** One site a line: the file stays readable and a change to one site is a one-line diff. */
export function compactText(data: SiteData): string {
  const sites = data.sites.map((s) => `    ${JSON.stringify(s)}`).join(",\n");
  return `{\n  "format": ${data.format},\n  "sources": ${JSON.stringify(data.sources, null, 2).replace(/\n/g, "\n  ")},\n  "sites": [\n${sites}\n  ]\n}\n`;
}

/** The commit named in a directory's SOURCE.txt ("... at commit <40 hex> ..."). */
export function sourceCommit(sourceText: string, file: string): string {
  const commit = /at commit ([0-9a-f]{40})/.exec(sourceText)?.[1];
  if (!commit) throw new InvalidInputError(t("sites:directory.noCommit", { file }));
  return commit;
}
