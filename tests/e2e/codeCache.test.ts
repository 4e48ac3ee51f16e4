/**
 * The V8 code cache the build writes for the bundle (bin/codeCache.js, scripts/code-cache.cjs):
 * there is one for every file the offline check loads and V8 takes each one; harden runs the same
 * when the caches are missing or damaged, and a file changed after the build runs as changed.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers/fixtures.js";
import { knownEntries, randomEntries, writeSortedFile } from "../fixtures/breach/datasets.js";

const BUNDLE = path.join(ROOT, "dist", "bundle");
const scratch = mkdtempSync(path.join(tmpdir(), "harden-code-cache-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(bin: string, args: string[], input = "", nodeFlags: string[] = []) {
  const home = mkdtempSync(path.join(scratch, "home-"));
  // A time limit: a cache V8 should have refused can make a run hang as well as crash.
  return spawnSync(process.execPath, [...nodeFlags, bin, ...args], { input, timeout: 30_000, encoding: "utf8", env: { PATH: process.env.PATH, NO_COLOR: "1", HARDEN_HOME: home, NODE_DEBUG: "module" } });
}

describe("the bundle's code cache", () => {
  it("covers every file the offline check loads, and bin/harden.js compiles each with its cache, which V8 takes", async () => {
    // A preload that watches every vm.Script made with cached data (only bin/codeCache.js makes them).
    const preload = path.join(scratch, "watch-vm.cjs");
    const log = path.join(scratch, "vm.log");
    writeFileSync(
      preload,
      `const vm = require("node:vm"); const fs = require("node:fs"); const Script = vm.Script;
vm.Script = class extends Script { constructor(code, options) { super(code, options); if (options && options.cachedData) fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify([options.filename, this.cachedDataRejected]) + "\\n"); } };`,
    );
    const data = path.join(scratch, "pwned.txt");
    await writeSortedFile(data, [...(await knownEntries("sha1")), ...randomEntries("sha1", 200)]);
    const check = run(BIN, ["password", "--offline", data, "--no-strength", "--stdin"], "password\n", ["-r", preload]);
    expect(check.status).toBe(1);
    const loaded = [...check.stderr.matchAll(/^MODULE \d+: load "([^"]+)" for module/gm)].map((m) => path.basename(m[1]!)).filter((name) => existsSync(path.join(BUNDLE, name)));
    expect(loaded).toContain("cli.js");
    const compiled = new Map(readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as [string, boolean]).map(([file, rejected]) => [path.basename(file), rejected]));
    for (const name of loaded) expect([name, compiled.get(name)]).toEqual([name, false]);
  });

  /** A copy of the installation with its own bin/ and dist/bundle/ (times kept); the rest linked to this one's. */
  function installationCopy(): { bin: string; bundle: string } {
    const copy = mkdtempSync(path.join(scratch, "copy-"));
    for (const name of readdirSync(ROOT)) if (![".git", "bin", "dist"].includes(name)) symlinkSync(path.join(ROOT, name), path.join(copy, name));
    mkdirSync(path.join(copy, "dist"));
    for (const name of readdirSync(path.join(ROOT, "dist"))) if (name !== "bundle") symlinkSync(path.join(ROOT, "dist", name), path.join(copy, "dist", name));
    cpSync(path.join(ROOT, "bin"), path.join(copy, "bin"), { recursive: true });
    cpSync(BUNDLE, path.join(copy, "dist", "bundle"), { recursive: true, preserveTimestamps: true });
    return { bin: path.join(copy, "bin", "harden.js"), bundle: path.join(copy, "dist", "bundle") };
  }

  it("is only a shortcut: harden answers the same with damaged caches (a byte changed, or not bytecode at all) and with none", () => {
    const { bin, bundle } = installationCopy();
    const caches = path.join(bundle, ".code-cache");
    const expected = run(BIN, ["password", "--no-breach", "--stdin"], "correct horse\n");
    expect(expected.status).toBe(0);
    const results = [];
    for (const name of readdirSync(caches)) {
      // One byte changed in the middle of the compiled code: without its checksum checked, V8 may crash on it.
      const bytes = readFileSync(path.join(caches, name));
      bytes[Math.floor(bytes.length / 2)] ^= 0x5a;
      writeFileSync(path.join(caches, name), bytes);
    }
    results.push(run(bin, ["password", "--no-breach", "--stdin"], "correct horse\n"));
    for (const name of readdirSync(caches)) writeFileSync(path.join(caches, name), "not bytecode");
    results.push(run(bin, ["password", "--no-breach", "--stdin"], "correct horse\n"));
    rmSync(caches, { recursive: true });
    results.push(run(bin, ["password", "--no-breach", "--stdin"], "correct horse\n"));
    for (const result of results) expect([result.status, result.stdout]).toEqual([expected.status, expected.stdout]);
  });

  it("is not used for a file changed after the build, even one of the same length", () => {
    const { bin, bundle } = installationCopy();
    const cli = path.join(bundle, "cli.js");
    const text = readFileSync(cli, "utf8");
    expect(text).toContain('new Command("harden")');
    writeFileSync(cli, text.replace('new Command("harden")', 'new Command("hardex")'));
    const help = run(bin, ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: hardex /m);
  });
});
