/**
 * What the quick commands load (STYLE.md: "harden --help must not load password dictionaries or
 * the HTTP client"): the built bin is run with a hook that lists every ES module file it loads;
 * the bundle's chunks name the packages inside them (esbuild's "// node_modules/<package>/"
 * comments), and NODE_DEBUG=module shows what is read with require() (string-width).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN, tempHomes } from "../helpers/fixtures.js";
import { knownEntries, randomEntries, writeSortedFile } from "../fixtures/breach/datasets.js";

const home = tempHomes();
const HOOK = fileURLToPath(new URL("../helpers/loadedModules.mjs", import.meta.url));
const HEAVY = ["string-width", "@zxcvbn-ts", "undici", "@inquirer", "i18next"];

/** The packages a run of harden loads, by name (a scope stands for its packages too). */
async function packagesLoaded(args: string[], input = ""): Promise<{ code: number | null; packages: Set<string> }> {
  const { dir, env } = home();
  const list = path.join(dir, "loaded.txt");
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", HOOK, BIN, ...args], {
      env: { PATH: process.env.PATH, NO_COLOR: "1", NODE_DEBUG: "module", HARDEN_TEST_LOADED: list, ...env },
      stdio: ["pipe", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c, stderr: err }));
    child.stdin.end(input);
  });
  const packages = new Set<string>();
  const add = (name: string) => {
    packages.add(name);
    if (name.startsWith("@")) packages.add(name.split("/")[0]!);
  };
  const urls = readFileSync(list, "utf8").split("\n").filter(Boolean);
  for (const file of urls.map((url) => fileURLToPath(url))) {
    for (const [, name] of readFileSync(file, "utf8").matchAll(/^\/\/ node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm)) add(name!);
  }
  for (const [, name] of stderr.matchAll(/Module\._load REQUEST ((?:@[^/\s]+\/)?[^/\s]+)/g)) add(name!);
  return { code, packages };
}

describe("start-up loads only what the command uses", () => {
  it("harden --help and harden list load no dictionaries, HTTP client, prompts or string-width", async () => {
    for (const args of [["--help"], ["list"]]) {
      const { code, packages } = await packagesLoaded(args);
      expect(code).toBe(0);
      expect(packages.has("commander")).toBe(true); // the listing sees the bundle's packages
      for (const name of HEAVY) expect([args, name, packages.has(name)]).toEqual([args, name, false]);
    }
  });

  it("the offline check with --no-strength loads no strength estimator, HTTP client, prompts or string-width", async () => {
    const { dir } = home();
    const data = path.join(dir, "pwnedpasswords.txt");
    await writeSortedFile(data, [...(await knownEntries("sha1")), ...randomEntries("sha1", 2000)]);
    const { code, packages } = await packagesLoaded(["password", "--offline", data, "--no-strength", "--stdin"], "letmein\ncorrect horse battery staple\n");
    expect(code).not.toBe(2);
    for (const name of HEAVY) expect([name, packages.has(name)]).toEqual([name, false]);
  });

  it("text in French is measured with string-width, read when it is first needed", async () => {
    const { packages } = await packagesLoaded(["--lang", "fr", "--help"]);
    expect(packages.has("string-width")).toBe(true);
  });
});
