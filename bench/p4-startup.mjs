// P4: whole-process start-up of `harden --help` and `harden list` against a bare `node -e 0`
// (median of 10, goal <= 1.5x), and a `harden scan --no-breach` of a generated 5,000-entry
// Bitwarden CSV: peak memory (goal < 250 MB) and time (goal < 6 s, issue 16).
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildCorpus } from "./corpus.mjs";
import { BIN, figure, median, ms, run } from "./lib.mjs";

async function medianOf(args, env) {
  const times = [];
  for (let i = 0; i < 10; i++) times.push((await run(process.execPath, args, { env })).ms);
  return median(times);
}

export async function p4() {
  const dir = mkdtempSync(path.join(tmpdir(), "harden-p4-"));
  const env = { HARDEN_HOME: path.join(dir, "home") };
  try {
    const bare = await medianOf(["-e", "0"], env);
    for (const args of [["--help"], ["list"]]) {
      const t = await medianOf([BIN, ...args], env);
      figure("P4", `harden ${args.join(" ")} ${ms(t)} vs node -e 0 ${ms(bare)}: ${(t / bare).toFixed(2)}x (goal <= 1.5x)`, t / bare <= 1.5);
    }

    const passwords = buildCorpus(5000, 7);
    const csv = ["folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp"];
    passwords.forEach((p, i) => csv.push(`,,login,Site ${i},,,0,https://site${i}.example,user${i}@example.com,"${p.replace(/"/g, '""')}",`));
    const file = path.join(dir, "bitwarden.csv");
    writeFileSync(file, `${csv.join("\n")}\n`);
    // Peak memory of the main thread and the scoring thread together: the process's max RSS.
    const rssFile = path.join(dir, "rss.txt");
    const scan = await run(process.execPath, ["--import", `data:text/javascript,import fs from "node:fs";process.on("exit",()=>fs.writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`, BIN, "scan", file, "--no-breach", "--json"], { env });
    const peakMb = Number(readFileSync(rssFile, "utf8")) / 1024;
    const entries = JSON.parse(scan.stdout).summary.entries;
    figure("P4", `scan of ${entries} Bitwarden entries (--no-breach): ${ms(scan.ms)} (goal < 6 s), peak memory ${peakMb.toFixed(0)} MB (goal < 250 MB)`, scan.ms < 6000 && peakMb < 250);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
