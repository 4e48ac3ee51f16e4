/**
 * A site as harden keeps it (data/sites/sites.json, described by data/sites/sites.schema.json):
 * what 2fa.directory and passkeys.directory say about it, and nothing else.
 */

/** 2fa.directory's method names, unchanged (they are machine-read in --json). */
export const TWO_FACTOR_METHODS = ["sms", "call", "email", "u2f", "totp", "custom-software", "custom-hardware"] as const;
export type TwoFactorMethod = (typeof TWO_FACTOR_METHODS)[number];

export interface Site {
  /** The directory's main domain for the site (its entry's file name). */
  domain: string;
  /** Its display name. */
  name: string;
  /** The methods 2fa.directory lists; [] when it says the site has none; absent when 2fa.directory has no entry. */
  tfa?: TwoFactorMethod[];
  /** The site's page on turning two-factor on. */
  documentation?: string;
  /** Other domains of the same accounts (the directories' additional-domains, and harden's few account hubs). */
  domains?: string[];
  /** What passkeys.directory says, when it has the site. */
  passkeys?: { passwordless: boolean; mfa: boolean; documentation?: string };
}

/** Where the data came from, for the credits (README, scan --help, the report's footer). */
export interface SiteSource {
  id: "2fa.directory" | "passkeys.directory";
  /** The project's page, for people. */
  home: string;
  repository: string;
  /** The upstream commit the data was taken at; null for a file given with --sites-from. */
  commit: string | null;
  /** With --sites-from: the file read. */
  file?: string;
  licence: string;
  licenceUrl: string;
}

export interface SiteData {
  format: 1;
  sources: SiteSource[];
  sites: Site[];
}
