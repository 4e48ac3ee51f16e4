/**
 * The V8 code cache the build writes for the bundle (bin/codeCache.js, scripts/code-cache.cjs):
 * there is one for every file the offline check loads, V8 takes each one, and harden runs the
 * same when the caches are missing or damaged (V8 refuses a damaged one and compiles as usual).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Script } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers/fixtures.js";
import { knownEntries, randomEntries, writeSortedFile } from "../fixtures/breach/datasets.js";

const BUNDLE = path.join(ROOT, "dist", "bundle");
const CACHE = path.join(BUNDLE, ".code-cache");
const wrap = (Module as unknown as { wrap: (source: string) => string }).wrap;
const scratch = mkdtempSync(path.join(tmpdir(), "harden-code-cache-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(bin: string, args: string[], input = "") {
  const home = mkdtempSync(path.join(scratch, "home-"));
  return spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8", env: { PATH: process.env.PATH, NO_COLOR: "1", HARDEN_HOME: home, NODE_DEBUG: "module" } });
}

describe("the bundle's code cache", () => {
  it("covers every file the offline check loads, and V8 accepts each cache", async () => {
    const data = path.join(scratch, "pwned.txt");
    await writeSortedFile(data, [...(await knownEntries("sha1")), ...randomEntries("sha1", 200)]);
    const check = run(BIN, ["password", "--offline", data, "--no-strength", "--stdin"], "password\n");
    expect(check.status).toBe(1);
    const loaded = [...check.stderr.matchAll(/^MODULE \d+: load "([^"]+)" for module/gm)].map((m) => m[1]!).filter((file) => path.dirname(file) === BUNDLE);
    expect(loaded.map((file) => path.basename(file))).toContain("cli.js");
    for (const file of loaded) expect([path.basename(file), existsSync(path.join(CACHE, `${path.basename(file)}.cache`))]).toEqual([path.basename(file), true]);
    for (const name of readdirSync(CACHE)) {
      const file = path.join(BUNDLE, name.replace(/\.cache$/, ""));
      const script = new Script(wrap(readFileSync(file, "utf8")), { filename: file, cachedData: readFileSync(path.join(CACHE, name)) });
      expect([name, script.cachedDataRejected]).toEqual([name, false]);
    }
  });

  it("is only a shortcut: harden answers the same with no caches and with damaged ones", () => {
    const copy = mkdtempSync(path.join(scratch, "copy-"));
    // The installation with its own bin/ and dist/bundle/; the rest linked to this one's.
    for (const name of readdirSync(ROOT)) if (![".git", "bin", "dist"].includes(name)) symlinkSync(path.join(ROOT, name), path.join(copy, name));
    mkdirSync(path.join(copy, "dist"));
    for (const name of readdirSync(path.join(ROOT, "dist"))) if (name !== "bundle") symlinkSync(path.join(ROOT, "dist", name), path.join(copy, "dist", name));
    cpSync(path.join(ROOT, "bin"), path.join(copy, "bin"), { recursive: true });
    cpSync(BUNDLE, path.join(copy, "dist", "bundle"), { recursive: true });
    const bin = path.join(copy, "bin", "harden.js");
    const expected = run(BIN, ["password", "--no-breach", "--stdin"], "correct horse\n");
    expect(expected.status).toBe(0);
    for (const name of readdirSync(path.join(copy, "dist", "bundle", ".code-cache"))) writeFileSync(path.join(copy, "dist", "bundle", ".code-cache", name), "not bytecode");
    const damaged = run(bin, ["password", "--no-breach", "--stdin"], "correct horse\n");
    rmSync(path.join(copy, "dist", "bundle", ".code-cache"), { recursive: true });
    const missing = run(bin, ["password", "--no-breach", "--stdin"], "correct horse\n");
    for (const result of [damaged, missing]) expect([result.status, result.stdout]).toEqual([expected.status, expected.stdout]);
  });
});
