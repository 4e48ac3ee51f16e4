// P6: `harden data download --prefixes 00000-0FFFF` (65,536 ranges; P6_PREFIXES=N for fewer)
// from a loopback server answering realistic bodies (about 950 sorted lines, 35 KB) after a
// fixed latency. Limit: slice / concurrency x latency; goal: within 1.2x of it at the default
// concurrency, with peak memory under 150 MB.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BIN, figure, ms, realisticRange, runMeasured } from "./lib.mjs";

const LATENCY_MS = Number(process.env.P6_LATENCY_MS ?? 40);
const PREFIXES = Number(process.env.P6_PREFIXES ?? 65_536);
const CONCURRENCY = 64; // harden data download's default
const hex = (n) => randomBytes(Math.ceil(n / 2)).toString("hex").slice(0, n).toUpperCase();

export async function p6() {
  // Bodies made up front: the server's CPU must not be what is measured.
  // Bytes, encoded once: the server shares the two cores with harden, so it only copies them out.
  const bodies = Array.from({ length: 64 }, () => Buffer.from(realisticRange(900 + Math.floor(Math.random() * 100), hex)));
  let requests = 0;
  const server = createServer((req, res) => {
    const body = bodies[requests++ % bodies.length];
    setTimeout(() => {
      res.writeHead(200, { "content-type": "text/plain", "content-length": body.length, etag: `"${requests}"` });
      res.end(body);
    }, LATENCY_MS);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}/range/`;
  const dir = mkdtempSync(path.join(tmpdir(), "harden-p6-"));
  const last = (PREFIXES - 1).toString(16).toUpperCase().padStart(5, "0");
  try {
    const r = await runMeasured(process.execPath, [BIN, "data", "download", path.join(dir, "ranges"), "--range-url", base, "--prefixes", `00000-${last}`, "--json"], { env: { HARDEN_HOME: path.join(dir, "home") } });
    const summary = JSON.parse(r.stdout);
    const limit = (PREFIXES / CONCURRENCY) * LATENCY_MS;
    const mbs = summary.bytes / 1024 / 1024 / (r.ms / 1000);
    figure("P6", `download ${PREFIXES.toLocaleString("en-US")} ranges ${ms(r.ms)} (${mbs.toFixed(1)} MB/s, complete ${summary.complete}); limit ${ms(limit)} (${PREFIXES}/${CONCURRENCY} x ${LATENCY_MS} ms): ${(r.ms / limit).toFixed(2)}x (goal <= 1.2x)`, summary.complete && r.ms / limit <= 1.2);
    figure("P6", `peak memory ${r.peakMb.toFixed(0)} MB (goal < 150 MB)`, r.peakMb > 0 && r.peakMb < 150);
    requests = 0;
    const again = await runMeasured(process.execPath, [BIN, "data", "download", path.join(dir, "ranges"), "--range-url", base, "--prefixes", `00000-${last}`, "--json"], { env: { HARDEN_HOME: path.join(dir, "home") } });
    figure("P6", `refresh of the complete slice (If-None-Match, all changed here) ${ms(again.ms)}; requests ${requests}`, requests === PREFIXES);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((r) => (server.closeAllConnections(), server.close(r)));
  }
}
