/**
 * URL → site on the URL shapes the exports really carry (see tests/fixtures/exports/): paths and
 * queries, ports, www./m./accounts. and deeper subdomains, additional domains, Bitwarden's
 * comma-joined URIs, app ids (androidapp://, iosapp://, Chrome on Android's android://HASH@PKG/),
 * IP addresses, local names and missing URLs. Against the shipped data, so a data update that
 * breaks a common site shows here.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExport } from "../../../src/exports/index.js";
import { FIXTURES } from "../../helpers/fixtures.js";
import { shippedSites } from "../../../src/sites/load.js";
import { SiteIndex } from "../../../src/sites/match.js";

const index = new SiteIndex(shippedSites().sites);
const siteOf = (url: string, name = "") => index.match(url, name)?.site.domain ?? null;

describe("matching an export's URL to a site", () => {
  it.each([
    // Chrome / Edge: full login URLs with paths and queries.
    ["https://www.facebook.com/login.php?next=https%3A%2F%2Fwww.facebook.com%2F", "facebook.com"],
    ["https://accounts.google.com/v3/signin/identifier?continue=https%3A%2F%2Fmail.google.com", "mail.google.com"],
    // Firefox: origins, with mobile and deeper subdomains.
    ["https://m.facebook.com", "facebook.com"],
    ["https://web.telegram.org", "telegram.org"],
    ["https://us02web.zoom.us", "zoom.us"],
    // A more specific directory entry wins over the registrable domain.
    ["https://mail.google.com/mail/u/0/", "mail.google.com"],
    ["https://drive.google.com/drive/my-drive", "drive.google.com"],
    ["https://signin.aws.amazon.com/signin", "aws.amazon.com"],
    // The directory's additional-domains, and a public suffix of two labels.
    ["https://www.amazon.co.uk/ap/signin", "amazon.com"],
    ["https://twitter.com/i/flow/login", "x.com"],
    ["https://www.messenger.com/", "facebook.com"],
    // Ports, upper case, a trailing dot, and no scheme at all (typed by hand in KeePassXC).
    ["https://GitHub.com:443/login", "github.com"],
    ["https://github.com./login", "github.com"],
    ["github.com/login", "github.com"],
    ["gitlab.com:443/users/sign_in", "gitlab.com"],
    // Bitwarden: several URIs joined with commas; the first one that matches wins.
    ["https://intranet.example.org,https://www.reddit.com/login", "reddit.com"],
    // App ids: Bitwarden and KeePassDX androidapp://, Bitwarden iosapp://, Chrome on Android.
    ["androidapp://com.instagram.android", "instagram.com"],
    ["androidapp://com.twitter.android", "x.com"],
    ["androidapp://com.google.android.gm", "mail.google.com"],
    ["iosapp://com.facebook.Facebook", "facebook.com"],
    ["android://dGhpcyBpcyBhIGhhc2g=@com.whatsapp/", "whatsapp.com"],
    ["android://com.whatsapp/", "whatsapp.com"],
  ])("%s → %s", (url, domain) => {
    expect(siteOf(url)).toBe(domain);
  });

  it.each([
    ["http://192.168.0.1/", "an IPv4 address"],
    ["https://[::1]:8443/admin", "an IPv6 address"],
    ["http://localhost:8080/", "a local name"],
    ["https://nas.local/admin", "a local name"],
    ["http://sn", "LastPass's secure-note marker"],
    ["https://intranet.example.org:8443/sso", "a site not in the directory"],
    ["not a url at all", "text that is not a URL"],
    ["", "a missing URL"],
  ])("%s matches nothing (%s)", (url) => {
    expect(siteOf(url)).toBeNull();
  });

  it("tries a title that is a domain only when the entry has no URL (Chrome names entries by host)", () => {
    expect(siteOf("", "github.com")).toBe("github.com");
    expect(siteOf("", "GitHub")).toBeNull();
    expect(siteOf("https://intranet.example.org", "github.com")).toBeNull();
  });

  it("says how it matched and which host it looked up", () => {
    expect(index.match("androidapp://com.instagram.android", "")).toMatchObject({ host: "android.instagram.com", by: "app" });
    expect(index.match("https://WWW.Reddit.com/login", "")).toMatchObject({ host: "www.reddit.com", by: "url" });
  });

  it("never throws, whatever the export holds", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (url, name) => {
        const found = index.match(url, name);
        expect(found === undefined || typeof found.site.domain === "string").toBe(true);
      }),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(fc.webUrl(), (url) => void index.match(url, "")), { numRuns: 300 });
  }, 30_000);
});

describe("every export format: URLs matched, and a one-time-code field read as two-factor on", () => {
  const read = (name: string) => parseExport(readFileSync(path.join(FIXTURES, "exports", name), "utf8"));
  it.each([
    ["sites-1password.csv", [["amazon.com", false], ["github.com", true]]],
    ["sites-keepassxc.csv", [["x.com", true], [null, false]]],
    ["sites-lastpass.csv", [["paypal.com", true], [null, false]]],
    ["sites-apple.csv", [["mail.google.com", false], ["discord.com", true]]],
    ["sites-chrome.csv", [["facebook.com", false], ["instagram.com", false], ["telegram.org", false]]],
    ["sites-firefox.csv", [["telegram.org", false], [null, false]]],
    ["sites-bitwarden.json", [["reddit.com", true], ["zoom.us", false]]],
    ["action-list.csv", [["reddit.com", false], ["telegram.org", false], ["github.com", true], [null, false], ["facebook.com", false], ["instagram.com", false], ["zoom.us", false], ["mail.google.com", false], [null, false], [null, false]]],
  ] as const)("%s", (name, expected) => {
    const parsed = read(name);
    expect(parsed.entries.map((e) => [index.match(e.url, e.name)?.site.domain ?? null, e.hasTotp === true])).toEqual(expected);
    // Only "set or not" is kept: no entry field holds the secret.
    expect(JSON.stringify(parsed)).not.toContain("GEZDGNBVGY3TQOJQ");
  });
});
