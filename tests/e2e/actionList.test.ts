/**
 * harden scan as an action list (issue 15): the built bin on an export whose entries cover a site
 * with TOTP, one with only SMS (or calls), one with passkeys, one absent from the directories, one
 * whose export already carries a TOTP field, a reused password found in breaches and a short one.
 * Breach answers come from a real range server on 127.0.0.1.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha1Hex } from "../../src/breach/hash.js";
import { serveEntries, startRangeServer, type RangeServer } from "../fixtures/breach/rangeServer.js";
import { englishLeft } from "../helpers/english.js";
import { liveHazards, renderMarkdown } from "../helpers/markup.js";
import { FIXTURES, tempDir, tempHomes } from "../helpers/fixtures.js";
import { runHarden, type RunResult } from "../helpers/run.js";

const EXPORT = path.join(FIXTURES, "exports", "action-list.csv");
/** Every secret in the fixture: the passwords, and the TOTP secret with its otpauth URI. */
const PASSWORDS = [
  "Lantern-Orbit-Canary-1141",
  "Quiet-Harbor-Canary-2252",
  "Copper-Meadow-Canary-3363",
  "Velvet-Summit-Canary-4474",
  "Shared-Canary-Password-77",
  "Zq7!canary",
  "Granite-Willow-Canary-5585",
  "Amber-Falcon-Canary-6696",
];
const TOTP_SECRET = "GEZDGNBVGY3TQOJQCANARY";
const SECRETS = [...PASSWORDS, TOTP_SECRET, "otpauth://", "Canary"];

const LETTERS = { fr: /[éèàçê]|\b(vous|votre|les|des)\b/i, ar: /[\u0621-\u064a]{3,}/ } as const;

const home = tempHomes();
const t = tempDir("harden-actions-");
let server: RangeServer;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  server = await startRangeServer(serveEntries([[sha1Hex("Shared-Canary-Password-77"), 42]]));
  env = { ...home().env, HARDEN_RANGE_URL: server.baseUrl };
}, 60_000);
afterAll(async () => {
  await server.close();
  t.cleanup();
});

const scan = (args: string[], extra: NodeJS.ProcessEnv = {}) => runHarden(["scan", EXPORT, ...args], { env: { ...env, ...extra } });

function expectNoSecret(where: string, text: string) {
  for (const secret of SECRETS) expect(text, `${where} shows ${secret}`).not.toContain(secret);
}

interface JsonEntry {
  line: number;
  name: string;
  site: { domain: string; name: string; matched: string; by: string } | null;
  twoFactor: { methods: string[] | null; documentation: string | null; enabled: boolean };
  passkeys: { passwordless: boolean; mfa: boolean; documentation: string | null } | null;
  nextStep: { code: string; text: string; prefer?: string; alsoAt?: number[]; minimum?: number };
}

describe("scan --json: site, twoFactor, passkeys and nextStep for every entry", { timeout: 60_000 }, () => {
  let out: { entries: JsonEntry[]; sites: Array<{ id: string; commit: string; licence: string }> };
  let run: RunResult;
  beforeAll(async () => {
    run = await scan(["--json"]);
    out = JSON.parse(run.stdout);
  }, 60_000);
  const byName = (name: string) => out.entries.find((e) => e.name === name)!;

  it("exits 1 (findings) and credits both directories with their commits", () => {
    expect(run.code).toBe(1);
    expect(out.sites.map((s) => [s.id, s.licence, s.commit])).toEqual([
      ["2fa.directory", "MIT", "f3ac2ab71c6fe4857a4ad1ef039d2a4eaf1a342c"],
      ["passkeys.directory", "CC BY 4.0", "4b68cbc2ee687f1557ef5cac8c5b810e0464c511"],
    ]);
  });

  it("a site with TOTP: turn on two-factor with an authenticator app, and why not texts", () => {
    const reddit = byName("Reddit");
    expect(reddit.site).toEqual({ domain: "reddit.com", name: "Reddit", matched: "www.reddit.com", by: "url" });
    expect(reddit.twoFactor).toEqual({ methods: ["totp"], documentation: expect.stringMatching(/^https:\/\/www\.reddithelp\.com\//), enabled: false });
    expect(reddit.nextStep).toMatchObject({ code: "turn-on-two-factor", prefer: "authenticator-app" });
    expect(reddit.nextStep.text).toContain("SIM swap");
  });

  it("a site with only texts or calls: turn it on, saying what a SIM swap does", () => {
    const telegram = byName("Telegram Web");
    expect(telegram.site?.domain).toBe("telegram.org");
    expect(telegram.twoFactor.methods).toEqual(["sms", "call"]);
    expect(telegram.nextStep).toMatchObject({ code: "turn-on-two-factor", prefer: "sms" });
    expect(telegram.nextStep.text).toMatch(/only sends codes by text message or call.*SIM swap/);
  });

  it("a TOTP field in the export: two-factor is on, not asked again; the passkey is offered instead", () => {
    const github = byName("GitHub");
    expect(github.twoFactor.enabled).toBe(true);
    expect(github.passkeys).toMatchObject({ passwordless: true, mfa: true });
    expect(github.nextStep.code).toBe("add-passkey");
    expect(github.nextStep.text).toContain("Two-factor is already on here.");
    expect(github.nextStep.text).not.toContain("Turn on two-factor");
  });

  it("a site absent from the directories, and an IP address: no site, nothing invented", () => {
    for (const name of ["Intranet", "Router"]) {
      expect(byName(name).site).toBeNull();
      expect(byName(name).twoFactor).toEqual({ methods: null, documentation: null, enabled: false });
      expect(byName(name).passkeys).toBeNull();
      expect(byName(name).nextStep.code).toBe("none");
    }
  });

  it("a reused password found in breaches: change it, and where else it is used (an app id matched too)", () => {
    expect(byName("Facebook").nextStep).toMatchObject({ code: "change-breached", alsoAt: [7] });
    expect(byName("Instagram").site).toMatchObject({ domain: "instagram.com", by: "app" });
    expect(byName("Instagram").nextStep).toMatchObject({ code: "change-breached", alsoAt: [6] });
    expect(byName("Instagram").nextStep.text).toContain("line 6 (Facebook)");
  });

  it("a password under 15 characters with no two-factor is weak whatever its score (NIST SP 800-63B-4), and no advice asks for symbols", () => {
    expect(byName("Zoom").nextStep).toMatchObject({ code: "change-weak", minimum: 15 });
    for (const e of out.entries) expect(e.nextStep.text).not.toMatch(/add (a )?symbol|change (it|your password) (every|regularly)/i);
  });

  it("accounts.google.com is the Google account (Gmail's entry): a security key first", () => {
    expect(byName("Google").site).toMatchObject({ domain: "mail.google.com", matched: "accounts.google.com" });
    expect(byName("Google").nextStep.prefer).toBe("security-key");
  });

  it("shows no password and no TOTP secret", () => {
    expectNoSecret("--json", run.stdout + run.stderr);
  });
});

describe("scan: the action list as text", { timeout: 60_000 }, () => {
  it("lists what to do, most urgent first, after the scan's lines, with credits", async () => {
    const r = await scan([]);
    expect(r.code).toBe(1);
    const list = r.stdout.slice(r.stdout.indexOf("What to do next, most urgent first:"));
    const order = ["Facebook", "Instagram", "Zoom", "Reddit", "Telegram Web", "Google", "GitHub"].map((name) => list.indexOf(`. ${name} · `));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(list).not.toContain("Intranet");
    expect(list).toContain("How: https://www.reddithelp.com/");
    expect(list.replace(/\s+/g, " ")).toContain("Two-factor facts: 2fa.directory (MIT licence). Passkey facts: passkeys.directory (CC BY 4.0).");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toContain("delete the export");
    expectNoSecret("text", r.stdout + r.stderr);
  });
});

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
  } catch {
    return []; // a scan keeps nothing, so harden's folder may not exist
  }
}

describe("scan --format md|html --output: a printable list to keep", { timeout: 60_000 }, () => {
  it("writes the file readable only by its owner, most urgent first, user names masked, credits with links", async () => {
    const html = path.join(t.dir, "plan.html");
    const md = path.join(t.dir, "plan.md");
    const [h, m] = await Promise.all([scan(["--format", "html", "--output", html]), scan(["--format", "md", "--output", md])]);
    expect(h.code).toBe(1);
    expect(m.code).toBe(1);
    for (const file of [html, md]) expect(statSync(file).mode & 0o777).toBe(0o600);
    const page = readFileSync(html, "utf8");
    expect(page).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(page.indexOf("Facebook")).toBeLessThan(page.indexOf("Reddit"));
    expect(page).toContain('<a href="https://2fa.directory/">2fa.directory</a>');
    expect(page).toContain('<a href="https://passkeys.directory/">passkeys.directory</a>');
    expect(page).toContain('<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>');
    expect(page).toContain("a•••e@example.com");
    expect(page).not.toContain("alice@example.com");
    const markdown = readFileSync(md, "utf8");
    expect(markdown).toMatch(/^# Your accounts: what to do next/);
    expect(markdown).toContain("- [ ] Change this password now");
    expect(markdown).toContain("[2fa.directory](https://2fa.directory/)");
    // Nothing secret in the files, on the screen, or anywhere else harden wrote.
    for (const file of filesUnder(t.dir)) expectNoSecret(file, readFileSync(file, "utf8"));
    for (const r of [h, m]) expectNoSecret("stdout/stderr", r.stdout + r.stderr);
    expect(filesUnder(env.HARDEN_HOME!).map((f) => readFileSync(f, "utf8")).join("\n")).not.toContain(TOTP_SECRET);
  });

  it("shows user names in full only with --show-usernames, and nothing the export says comes alive", async () => {
    const file = path.join(t.dir, "odd.csv");
    const hostile = '"<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))",https://www.reddit.com/,"bob <b>@example.com",Long-enough-canary-passphrase-1\n';
    writeFileSync(file, `name,url,username,password\n${hostile}`);
    const [html, md] = await Promise.all([
      runHarden(["scan", file, "--format", "html", "--show-usernames", "--no-breach"], { env }),
      runHarden(["scan", file, "--format", "md", "--show-usernames", "--no-breach"], { env }),
    ]);
    expect(html.stdout).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.stdout).toContain("bob &lt;b&gt;@example.com");
    expect(liveHazards(html.stdout)).toEqual([]);
    expect(liveHazards(renderMarkdown(md.stdout))).toEqual([]);
    expect(md.stdout).toContain("bob &lt;b>@example.com");
    for (const r of [html, md]) expect(r.stdout).not.toContain("Long-enough-canary-passphrase-1");
  });
});

describe("scan --sites-from FILE: a newer 2fa.directory all-entries.json", { timeout: 60_000 }, () => {
  it("is used instead of the shipped copy, and named in the credits", async () => {
    const file = path.join(FIXTURES, "sites", "2fa", "all-entries.json");
    const r = await scan(["--json", "--sites-from", file]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.entries.find((e: JsonEntry) => e.name === "Reddit").site).toBeNull();
    expect(out.sites[0]).toMatchObject({ id: "2fa.directory", commit: null, file });
    // The shipped passkey facts are kept.
    expect(out.entries.find((e: JsonEntry) => e.name === "GitHub").passkeys).toMatchObject({ passwordless: true });
    const text = await scan(["--sites-from", file]);
    expect(text.stdout.replace(/\s+/g, " ")).toContain(`Two-factor facts read from ${file}.`);
  });

  it("refuses a broken file with exit 2, naming FILE:LINE and the entry, before any breach lookup", async () => {
    const file = path.join(FIXTURES, "sites", "2fa", "broken-entries.json");
    const before = server.requests.length;
    const r = await scan(["--sites-from", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file} cannot be used as two-factor site data.`);
    expect(r.stderr).toContain(`${file}:8: "bad-method.com": tfa.0: must match pattern`);
    expect(r.stdout).toBe("");
    expect(server.requests.length).toBe(before);
    const json = await scan(["--json", "--sites-from", file]);
    expect(JSON.parse(json.stderr).error).toMatchObject({ code: "invalid-input", exitCode: 2 });
  });
});

describe("start-up stays as it is: the site data loads only for a scan", { timeout: 60_000 }, () => {
  it("harden --help, scan --help and password do not read data/sites; a scan does", async () => {
    const hook = path.join(t.dir, "watch-reads.mjs");
    writeFileSync(
      hook,
      `import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
const read = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (String(file).includes("data/sites/")) process.stderr.write("READ-SITE-DATA\\n");
  return read.call(this, file, ...rest);
};
syncBuiltinESMExports();
`,
    );
    const watched = { NODE_OPTIONS: `--import ${new URL(`file://${hook}`).href}` };
    const help = await runHarden(["--help"], { env: { ...env, ...watched } });
    const scanHelp = await runHarden(["scan", "--help"], { env: { ...env, ...watched } });
    const password = await runHarden(["password", "--stdin", "--no-breach"], { env: { ...env, ...watched }, input: "a long enough passphrase here\n" });
    for (const r of [help, scanHelp, password]) expect(r.stderr).not.toContain("READ-SITE-DATA");
    expect(scanHelp.stdout).toContain("2fa.directory (MIT licence)");
    expect(scanHelp.stdout).toContain("passkeys.directory (CC BY 4.0)");
    const scanned = await scan(["--no-breach"], watched);
    expect(scanned.stderr).toContain("READ-SITE-DATA");
  });
});

for (const lang of ["fr", "ar"] as const) {
  describe(`scan --lang ${lang}`, { timeout: 60_000 }, () => {
    it("says every step, heading and credit in the language, in text, JSON, md and html", async () => {
      const runs = await Promise.all([
        scan(["--lang", lang]),
        scan(["--lang", lang, "--format", "md"]),
        scan(["--lang", lang, "--format", "html"]),
        scan(["--lang", lang, "--sites-from", path.join(FIXTURES, "sites", "2fa", "broken-entries.json")]),
      ]);
      for (const r of runs) {
        expect(englishLeft(r.stdout + r.stderr, lang)).toEqual([]);
        expect(r.stdout + r.stderr).toMatch(LETTERS[lang]);
        expectNoSecret(lang, r.stdout + r.stderr);
      }
      expect(runs[2]!.stdout).toContain(`<html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}">`);
      const json = JSON.parse((await scan(["--lang", lang, "--json"])).stdout) as { entries: JsonEntry[] };
      const reddit = json.entries.find((e) => e.name === "Reddit")!;
      // Codes stay the same for programs; the text is in the language.
      expect(reddit.nextStep.code).toBe("turn-on-two-factor");
      expect(englishLeft(reddit.nextStep.text, lang)).toEqual([]);
      expect(reddit.nextStep.text).toMatch(LETTERS[lang]);
    });
  });
}
