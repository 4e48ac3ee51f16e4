// P5: `harden data verify` on a generated sorted SHA-1 file of 5,000,000 HASH:COUNT lines
// (~230 MB, in a temp folder, removed afterwards), page cache warm. Peer: `sha1sum FILE`, which
// also reads every byte once. Goal: at least half sha1sum's speed (ratio >= 0.5).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BIN, figure, median, ms, run } from "./lib.mjs";
import { writeSortedHashes } from "./sortedData.mjs";

const LINES = Number(process.env.P5_LINES ?? 5_000_000);
const RUNS = 3;

async function timed(command, args, env) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await run(command, args, { env });
    if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
    times.push(result.ms);
  }
  return median(times);
}

export async function p5() {
  const dir = mkdtempSync(path.join(tmpdir(), "harden-p5-"));
  const file = path.join(dir, "pwnedpasswords.txt");
  try {
    writeSortedHashes(file, LINES);
    const mb = statSync(file).size / 1e6;
    await run("cat", [file]); // warm the page cache
    const peer = await timed("sha1sum", [file]);
    const harden = await timed(process.execPath, [BIN, "--no-save", "--json", "data", "verify", file], { HARDEN_HOME: path.join(dir, "home") });
    const ratio = peer / harden;
    figure("P5", `data verify ${(mb / (harden / 1000)).toFixed(0)} MB/s (${ms(harden)} for ${mb.toFixed(0)} MB); sha1sum ${(mb / (peer / 1000)).toFixed(0)} MB/s: ratio ${ratio.toFixed(2)} (goal >= 0.5)`, ratio >= 0.5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
