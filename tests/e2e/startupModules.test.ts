/**
 * What the quick commands load (STYLE.md: "harden --help must not load password dictionaries or
 * the HTTP client"): the built bin is run with NODE_DEBUG=module, which names every file it
 * loads (the bundle is CommonJS) and every package read with require() (string-width, i18next);
 * dist/bundle/chunks.json names the packages inside each chunk of the bundle.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN, tempHomes } from "../helpers/fixtures.js";
import { knownEntries, randomEntries, writeSortedFile } from "../fixtures/breach/datasets.js";

const home = tempHomes();
const BUNDLE = fileURLToPath(new URL("../../dist/bundle", import.meta.url));
const CHUNKS = JSON.parse(readFileSync(new URL("../../dist/bundle/chunks.json", import.meta.url), "utf8")) as Record<string, string[]>;
const HEAVY = ["string-width", "@zxcvbn-ts", "undici", "@inquirer", "i18next"];

/** The packages a run of harden loads, by name (a scope stands for its packages too). */
async function packagesLoaded(args: string[], input = ""): Promise<{ code: number | null; packages: Set<string> }> {
  const { env } = home();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, NO_COLOR: "1", NODE_DEBUG: "module", ...env },
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
  const files = [...stderr.matchAll(/^MODULE \d+: load "([^"]+)" for module/gm)].map((m) => m[1]!);
  expect(files.some((file) => file.endsWith(`${path.sep}cli.js`))).toBe(true);
  for (const file of files.filter((f) => path.dirname(f) === BUNDLE)) {
    for (const input of CHUNKS[path.basename(file)] ?? []) {
      const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
      if (name) add(name);
    }
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
