// P7: `harden serve` throughput. A folder of P7_PREFIXES realistic range files (35 KB each);
// a load generator on 127.0.0.1 asks random prefixes for P7_SECONDS at 16 and 64 connections
// and reports requests/s and latency p50/p95/p99. The limit: reading the same files with the
// same concurrency (no HTTP); the ratio is serve / limit.
import { spawn } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Pool } from "undici";
import { BIN, figure, percentile, realisticRange } from "./lib.mjs";

const PREFIXES = Number(process.env.P7_PREFIXES ?? 4096);
const SECONDS = Number(process.env.P7_SECONDS ?? 4);
const hex = (n) => randomBytes(Math.ceil(n / 2)).toString("hex").slice(0, n).toUpperCase();
const name = (n) => n.toString(16).toUpperCase().padStart(5, "0");

/** Runs `one()` from `concurrency` loops for `seconds`; returns requests/s and latencies. */
async function drive(concurrency, seconds, one) {
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await one();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

export async function p7() {
  const dir = mkdtempSync(path.join(tmpdir(), "harden-p7-"));
  const ranges = path.join(dir, "ranges");
  mkdirSync(ranges);
  for (let n = 0; n < PREFIXES; n++) writeFileSync(path.join(ranges, `${name(n)}.txt`), realisticRange(900 + randomInt(100), hex));
  const child = spawn(process.execPath, [BIN, "serve", "--offline", ranges, "--listen", "127.0.0.1:0"], { env: { ...process.env, NO_COLOR: "1", HARDEN_HOME: path.join(dir, "home") }, stdio: ["ignore", "ignore", "pipe"] });
  try {
    const url = await new Promise((resolve, reject) => {
      let err = "";
      child.stderr.on("data", (d) => {
        err += d;
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/range\//.exec(err);
        if (m) resolve(m[1]);
      });
      child.on("close", () => reject(new Error(err)));
    });
    for (const connections of [16, 64]) {
      const pool = new Pool(url, { connections });
      const served = await drive(connections, SECONDS, async () => {
        const r = await pool.request({ path: `/range/${name(randomInt(PREFIXES))}`, method: "GET" });
        await r.body.arrayBuffer();
        if (r.statusCode !== 200) throw new Error(`status ${r.statusCode}`);
      });
      await pool.close();
      const read = await drive(connections, SECONDS, () => readFile(path.join(ranges, `${name(randomInt(PREFIXES))}.txt`)));
      const f = (x) => x.toFixed(1);
      figure("P7", `serve at ${connections} connections: ${Math.round(served.perSecond)} requests/s, p50 ${f(served.p50)} ms, p95 ${f(served.p95)} ms, p99 ${f(served.p99)} ms`);
      figure("P7", `reading the files at ${connections} at once: ${Math.round(read.perSecond)}/s; serve / read ${(served.perSecond / read.perSecond).toFixed(2)} (goal >= 0.25)`, served.perSecond / read.perSecond >= 0.25);
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.on("close", r));
    rmSync(dir, { recursive: true, force: true });
  }
}
