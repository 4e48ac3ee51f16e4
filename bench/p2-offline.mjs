// P2: 1,000 lookups (half present, half absent) in a generated sorted SHA-1 file of
// 20,000,000 HASH:COUNT lines (~900 MB, in a temp folder, removed afterwards). Peer: one linear
// scan checking all 1,000 at once (how KeePassXC reads its offline file). Limit: one 4 KiB
// read per lookup; goal: at most 2 reads per lookup on average and >= 100x faster than the scan.
import { randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync, openSync, rmSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { openOfflineDataset } from "../dist/breach/offline.js";
import { figure, ms } from "./lib.mjs";

const LINES = Number(process.env.P2_LINES ?? 20_000_000);
const LOOKUPS = 1000;

/**
 * Uniform sorted hashes without sorting 20M strings: the first 13 hex digits grow by random
 * steps (mean 2^52 / LINES), the other 27 are random.
 */
function generate(file) {
  const fd = openSync(file, "w");
  const present = [];
  const every = Math.floor(LINES / (LOOKUPS / 2));
  // A little under 2^52 / LINES, so the sum of the steps stays within 13 hex digits.
  const step = (0.98 * 2 ** 52) / LINES;
  let head = 0;
  let chunk = [];
  const tailHex = randomBytes(14 * 65536).toString("hex").toUpperCase();
  for (let n = 0; n < LINES; n++) {
    head += 1 + Math.floor(Math.random() * (2 * step - 1));
    const tailAt = (n * 27) % (tailHex.length - 27);
    const hash = head.toString(16).toUpperCase().padStart(13, "0") + tailHex.slice(tailAt, tailAt + 27);
    chunk.push(`${hash}:${1 + (n % 997)}`);
    if (n % every === every >> 1 && present.length < LOOKUPS / 2) present.push(hash);
    if (chunk.length === 100_000) {
      writeSync(fd, `${chunk.join("\r\n")}\r\n`);
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, `${chunk.join("\r\n")}\r\n`);
  closeSync(fd);
  return present;
}

async function linearScan(file, wanted) {
  const set = new Set(wanted);
  let found = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (set.has(line.slice(0, 40))) found++;
  }
  return found;
}

export async function p2() {
  const dir = mkdtempSync(path.join(tmpdir(), "harden-p2-"));
  const file = path.join(dir, "pwnedpasswords.txt");
  try {
    let t = performance.now();
    const present = generate(file);
    const absent = Array.from({ length: LOOKUPS - present.length }, () => randomBytes(20).toString("hex").toUpperCase());
    const hashes = [...present, ...absent].sort(() => Math.random() - 0.5);
    console.log(`P2  generated ${LINES.toLocaleString("en-US")} lines in ${ms(performance.now() - t)}`);

    // Warm cache: one scan first, then each side is timed.
    await linearScan(file, hashes);
    t = performance.now();
    const scanFound = await linearScan(file, hashes);
    const scan = performance.now() - t;

    const dataset = await openOfflineDataset(file, { mode: "sha1" });
    await dataset.checkMany(hashes); // warm the pages harden reads
    const before = dataset.stats();
    t = performance.now();
    const results = await dataset.checkMany(hashes);
    const harden = performance.now() - t;
    const after = dataset.stats();
    await dataset.close();
    const found = results.filter((r) => r.status === "found").length;
    const unknown = results.filter((r) => r.status === "unknown").length;
    const reads = (after.reads - before.reads) / LOOKUPS;

    figure("P2", `found ${found} of ${present.length} present, ${unknown} unknown (scan found ${scanFound})`, found === present.length && scanFound === present.length && unknown === 0);
    figure("P2", `reads per lookup ${reads.toFixed(2)} (limit 1; goal <= 2)`, reads <= 2);
    figure("P2", `${LOOKUPS} lookups ${ms(harden)}; one linear scan ${ms(scan)}: ${(scan / harden).toFixed(0)}x faster (goal >= 100x)`, scan / harden >= 100);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
