// P8: the cost of --decoys. P8_COUNT distinct passwords through `harden password --stdin
// --no-strength` against a loopback range server answering padded bodies after 40 ms, with
// N = 0, 3 and 10 decoys per real prefix. With decoys, a batch asks decoyBatchSize(prefixes, N):
// (N + 1) for each of a rounded number of real prefixes (src/breach/batch.ts). The limit for N:
// start-up + ceil(requests / 16) x 40 ms; goal: each within 1.3x of its limit (decoys cost
// requests, nothing more).
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decoyBatchSize } from "../dist/breach/batch.js";
import { BIN, figure, ms, run } from "./lib.mjs";

const DELAY_MS = 40;
const COUNT = Number(process.env.P8_COUNT ?? 200);
const CONCURRENCY = 16;
const hex = (n) => randomBytes(Math.ceil(n / 2)).toString("hex").slice(0, n).toUpperCase();

export async function p8() {
  const bodies = Array.from({ length: 32 }, () => Array.from({ length: 800 + Math.floor(Math.random() * 201) }, () => `${hex(35)}:${Math.random() < 0.8 ? 1 + Math.floor(Math.random() * 5000) : 0}`).join("\r\n"));
  let requests = 0;
  const server = createServer((req, res) => {
    const body = bodies[requests++ % bodies.length];
    setTimeout(() => {
      res.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(body) });
      res.end(body);
    }, DELAY_MS);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}/range/`;
  const home = mkdtempSync(path.join(tmpdir(), "harden-p8-"));
  const passwords = Array.from({ length: COUNT }, (_, i) => `decoy bench ${i} ${hex(8)}`);
  const prefixes = new Set(passwords.map((p) => createHash("sha1").update(p).digest("hex").slice(0, 5))).size;
  try {
    const startup = (await run(process.execPath, [BIN, "password", "--stdin", "--no-strength", "--json", "--range-url", base], { input: "one\n", env: { HARDEN_HOME: home } })).ms;
    let base0;
    for (const n of [0, 3, 10]) {
      requests = 0;
      const r = await run(process.execPath, [BIN, "password", "--stdin", "--no-strength", "--json", "--range-url", base, "--decoys", String(n)], { input: passwords.join("\n"), env: { HARDEN_HOME: home } });
      base0 ??= r.ms;
      const expected = n === 0 ? prefixes : decoyBatchSize(prefixes, n);
      const limit = startup + Math.ceil(expected / CONCURRENCY) * DELAY_MS;
      figure("P8", `decoys ${n}: ${COUNT} passwords ${ms(r.ms)} (${requests} requests, ${(r.ms / base0).toFixed(1)}x the time without); limit ${ms(limit)}: ${(r.ms / limit).toFixed(2)}x (goal <= 1.3x)`, requests === expected && r.ms / limit <= 1.3);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
    await new Promise((r) => (server.closeAllConnections(), server.close(r)));
  }
}
