/**
 * The directories' files are validated at build (scripts/build-sites.mjs, run by npm run build
 * with --check) and when given with --sites-from: each 2fa.directory entry against its own
 * entries.schema.json, problems named FILE:LINE.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/errors.js";
import { checkCompact, compileSites } from "../../../src/sites/directory.js";
import { shippedSites } from "../../../src/sites/load.js";
import { FIXTURES, ROOT, tempDir } from "../../helpers/fixtures.js";

const run = promisify(execFile);
const SITES = path.join(FIXTURES, "sites");
const read = (file: string) => ({ file, text: readFileSync(file, "utf8") });
const t = tempDir("harden-sites-");
afterAll(() => t.cleanup());

describe("the site data", () => {
  it("ships with both upstream commits and licences, and passes its own schema", () => {
    const data = shippedSites();
    expect(() => checkCompact(data, "sites.json")).not.toThrow();
    expect(data.sources.map((s) => [s.id, s.licence, s.commit])).toEqual([
      ["2fa.directory", "MIT", "f3ac2ab71c6fe4857a4ad1ef039d2a4eaf1a342c"],
      ["passkeys.directory", "CC BY 4.0", "4b68cbc2ee687f1557ef5cac8c5b810e0464c511"],
    ]);
    expect(data.sites.length).toBeGreaterThan(2500);
    const source = readFileSync(path.join(ROOT, "data", "sites", "SOURCE.txt"), "utf8");
    expect(source).toContain("f3ac2ab71c6fe4857a4ad1ef039d2a4eaf1a342c");
    expect(source).toContain("4b68cbc2ee687f1557ef5cac8c5b810e0464c511");
    expect(readFileSync(path.join(ROOT, "data", "sites", "LICENSE-2fa.directory.md"), "utf8")).toContain("MIT License");
    expect(readFileSync(path.join(ROOT, "data", "sites", "LICENSE-passkeys.directory.md"), "utf8")).toContain("Attribution 4.0 International");
  });

  it("is built from the directory files: merged by domain, with the account hubs added", () => {
    const data = compileSites(read(path.join(SITES, "2fa", "all-entries.json")), read(path.join(SITES, "passkeys", "all-entries.json")), { twofa: "1".repeat(40), passkeys: "2".repeat(40) });
    expect(data.sites).toEqual([
      { domain: "example-sms.org", name: "Example SMS", tfa: ["sms"], domains: ["example-sms.net"] },
      { domain: "example-totp.com", name: "Example TOTP", tfa: ["sms", "totp"], documentation: "https://example-totp.com/help/2fa", passkeys: { passwordless: true, mfa: false, documentation: "https://example-totp.com/help/passkeys" } },
      { domain: "no2fa.example.com", name: "No Two-Factor", tfa: [] },
      { domain: "passkey-only.example.net", name: "Passkey Only", passkeys: { passwordless: false, mfa: true } },
    ]);
  });

  it("refuses an entry its schema rejects, naming the file, the line and the entry", () => {
    const file = path.join(SITES, "2fa", "broken-entries.json");
    let error: unknown;
    try {
      compileSites(read(file), { sites: [] }, { twofa: null, passkeys: null });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toContain(file);
    expect((error as InvalidInputError).problems).toEqual([expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:8: "bad-method.com": tfa\\.0: must match pattern`))]);
  });

  it("refuses a file that is not JSON or not a directory, at line 1", () => {
    for (const [text, problem] of [
      ["{ nope", /:1: this is not valid JSON/],
      ["[1, 2]", /:1: this is not an all-entries.json of 2fa.directory/],
      ['{"a.com": {"domain": "a.com", "categories": ["x"], "tfa": ["sms"]}}', /:1: "a.com": the entry has no "name"/],
    ] as const) {
      expect(() => compileSites({ file: "new.json", text }, { sites: [] }, { twofa: null, passkeys: null })).toThrow(InvalidInputError);
      try {
        compileSites({ file: "new.json", text }, { sites: [] }, { twofa: null, passkeys: null });
      } catch (e) {
        expect((e as InvalidInputError).problems[0]).toMatch(problem);
      }
    }
  });

  it("scripts/build-sites.mjs writes sites.json, the licences and SOURCE.txt with both commits, and stops on a broken entry", async () => {
    const out = t.dir;
    await run(process.execPath, [path.join(ROOT, "scripts", "build-sites.mjs"), "--2fa", path.join(SITES, "2fa"), "--passkeys", path.join(SITES, "passkeys"), "--out", out]);
    const built = JSON.parse(readFileSync(path.join(out, "sites.json"), "utf8"));
    expect(built.sites).toHaveLength(4);
    expect(readFileSync(path.join(out, "SOURCE.txt"), "utf8")).toMatch(/1{40}[\s\S]*2{40}/);
    await run(process.execPath, [path.join(ROOT, "scripts", "build-sites.mjs"), "--check", "--out", out]);

    // The check npm run build does: a compact file that breaks its schema fails the build.
    writeFileSync(path.join(out, "sites.json"), JSON.stringify({ ...built, sites: [{ domain: "a.com" }] }));
    await expect(run(process.execPath, [path.join(ROOT, "scripts", "build-sites.mjs"), "--check", "--out", out])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("sites.json") });

    const broken = path.join(out, "broken");
    const { mkdirSync, copyFileSync } = await import("node:fs");
    mkdirSync(broken);
    copyFileSync(path.join(SITES, "2fa", "broken-entries.json"), path.join(broken, "all-entries.json"));
    copyFileSync(path.join(SITES, "2fa", "SOURCE.txt"), path.join(broken, "SOURCE.txt"));
    await expect(run(process.execPath, [path.join(ROOT, "scripts", "build-sites.mjs"), "--2fa", broken, "--passkeys", path.join(SITES, "passkeys"), "--out", out])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/all-entries\.json:8: "bad-method\.com": tfa\.0/),
    });
  });
});
