/**
 * From an export entry's URL to a site of the directories. The host is found with tldts (the
 * Public Suffix List), then looked up from the full host up to its registrable domain, so
 * accounts.google.com, m.facebook.com and www.amazon.co.uk find google.com, facebook.com and
 * amazon.co.uk, while mail.google.com finds Gmail. App ids (androidapp://com.facebook.katana,
 * iosapp://com.facebook.Facebook, android://HASH@com.instagram.android/) are reverse domains.
 * IP addresses, local names and unreadable URLs match nothing: better no advice than wrong advice.
 */
import { parse } from "tldts";
import type { Site } from "./site.js";

export type MatchedBy = "url" | "app" | "name";

export interface SiteMatch {
  site: Site;
  /** The host (or app's reversed id) that was looked up, as it matched. */
  host: string;
  by: MatchedBy;
}

/** A candidate to look up: a host name, and whether it came from an app id. */
interface Candidate {
  host: string;
  by: MatchedBy;
}

/**
 * Bitwarden app URIs, Chrome on Android's android://HASH@PACKAGE/ (which reaches here as
 * android://PACKAGE/: the importers cut the HASH@ as if it were credentials), and the spelling some
 * converters use.
 */
const APP_ID = /^(?:androidapp|iosapp|android-app|ios-app):\/\/([^/?#\s]+)/i;
const CHROME_ANDROID = /^android:\/\/(?:[^@/]*@)?([^/?#\s]+)/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** com.facebook.katana → katana.facebook.com: an app id is a domain written backwards. */
const reversed = (id: string) => id.toLowerCase().split(".").filter(Boolean).reverse().join(".");

/** The host one URL (as a password manager writes it) points at, or undefined when it has none a site can have. */
function candidate(raw: string): Candidate | undefined {
  const url = raw.trim();
  if (url === "") return undefined;
  const app = APP_ID.exec(url) ?? CHROME_ANDROID.exec(url);
  if (app) return registrable(reversed(app[1]!), "app");
  // "example.com/login" as typed by hand: a host all the same. Other schemes (ftp:, ssh:) keep theirs.
  const withScheme = SCHEME.test(url) && !/^[^:/]+:\d+(?:[/?#]|$)/.test(url) ? url : `https://${url.replace(/^\/\//, "")}`;
  return registrable(withScheme, "url");
}

/** A host with a registrable domain under a public suffix; not an IP address, not a local name. */
function registrable(input: string, by: MatchedBy): Candidate | undefined {
  const parsed = parse(input, { allowPrivateDomains: false });
  if (parsed.isIp || !parsed.hostname || !parsed.domain || parsed.isIcann !== true) return undefined;
  return { host: parsed.hostname.replace(/\.$/, "").toLowerCase(), by };
}

/** A title that is itself a domain (Chrome names entries by host; people type "amazon.fr"). */
function nameCandidate(name: string): Candidate | undefined {
  const trimmed = name.trim();
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(trimmed)) return undefined;
  return registrable(trimmed, "name");
}

export class SiteIndex {
  private readonly byDomain = new Map<string, Site>();

  constructor(sites: readonly Site[]) {
    // A site's own domain wins over another site's additional domain.
    for (const site of sites) if (!this.byDomain.has(site.domain)) this.byDomain.set(site.domain, site);
    for (const site of sites) for (const d of site.domains ?? []) if (!this.byDomain.has(d)) this.byDomain.set(d, site);
  }

  /** The most specific site for a host: the host itself, then each parent down to its registrable domain. */
  private lookup(c: Candidate): SiteMatch | undefined {
    const domain = parse(c.host).domain;
    if (!domain) return undefined;
    for (let host = c.host; host.length >= domain.length; host = host.slice(host.indexOf(".") + 1)) {
      const site = this.byDomain.get(host);
      if (site) return { site, host: c.host, by: c.by };
      if (!host.includes(".")) break;
    }
    return undefined;
  }

  /**
   * The site of an entry. `url` may hold several URLs joined by "," (Bitwarden's CSV export): the
   * first that matches wins. Without any URL, a title that is a domain is tried.
   */
  match(url: string, name: string): SiteMatch | undefined {
    for (const part of url.split(",")) {
      const c = candidate(part);
      const found = c && this.lookup(c);
      if (found) return found;
    }
    if (url.trim() !== "") return undefined;
    const byName = nameCandidate(name);
    return byName && this.lookup(byName);
  }
}
