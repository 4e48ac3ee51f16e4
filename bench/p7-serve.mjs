// P7: `harden serve` throughput. A folder of P7_PREFIXES realistic range files (35 KB each);
// a load generator on 127.0.0.1 asks random prefixes for P7_SECONDS at 16 and 64 connections,
// with Add-Padding: true as harden's own client sends it (P7_PADDING=0 asks without), and
// reports requests/s and latency p50/p95/p99. The limit: reading the same files with the same
// concurrency (no HTTP); the ratio is serve / limit.
//
// The generator is raw keep-alive sockets, one request at a time on each (no pipelining): it
// writes the request line and reads the head for the status and Content-Length, then counts
// the body through without keeping it. The undici Pool it replaces spent about 0.22 ms of CPU
// a request in this process (parsing, body streams), as much as the server's own work on an
// unpadded range, and on two shared cores took from the server the CPU it was measuring; these
// sockets cost about 0.05 ms (both measured with process.cpuUsage over the same runs).
import { spawn } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { BIN, figure, percentile, realisticRange } from "./lib.mjs";

const PREFIXES = Number(process.env.P7_PREFIXES ?? 4096);
const SECONDS = Number(process.env.P7_SECONDS ?? 4);
const PADDING = process.env.P7_PADDING !== "0";
const name = (n) => n.toString(16).toUpperCase().padStart(5, "0");

/** Random upper-case hex, `n` characters, drawn from one block of random bytes per file. */
function hexSource() {
  let pool = "";
  let at = 0;
  return (n) => {
    if (at + n > pool.length) {
      pool = randomBytes(32 * 1024).toString("hex").toUpperCase();
      at = 0;
    }
    at += n;
    return pool.slice(at - n, at);
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc on Linux; undefined elsewhere. */
function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "latin1").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Runs `one()` from `concurrency` loops for `seconds`; returns requests/s and latencies. */
async function drive(concurrency, seconds, one) {
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      while (performance.now() < until) {
        const t = performance.now();
        await one(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

/** One keep-alive connection: get(path) resolves when the whole answer (a 200) has arrived. */
async function connection(port) {
  const socket = connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let waiting;
  let head = Buffer.alloc(0);
  let left = -1;
  let status = 0;
  const fail = (error) => {
    const w = waiting;
    waiting = undefined;
    w?.reject(error);
  };
  socket.on("error", fail);
  socket.on("close", () => fail(new Error("connection closed")));
  socket.on("data", (chunk) => {
    for (;;) {
      if (left < 0) {
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        const text = head.toString("latin1", 0, end);
        const length = /\r\ncontent-length: *(\d+)/i.exec(text);
        if (!length) return fail(new Error(`no Content-Length: ${text}`));
        status = Number(text.slice(9, 12));
        left = Number(length[1]);
        chunk = head.subarray(end + 4);
        head = Buffer.alloc(0);
      }
      const taken = Math.min(left, chunk.length);
      left -= taken;
      chunk = chunk.subarray(taken);
      if (left > 0) return;
      left = -1;
      const w = waiting;
      waiting = undefined;
      if (status === 200) w?.resolve();
      else w?.reject(new Error(`status ${status}`));
      if (chunk.length === 0) return;
    }
  });
  const extra = PADDING ? "Add-Padding: true\r\n" : "";
  return {
    get: (target) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`);
      }),
    close: () => socket.destroy(),
  };
}

export async function p7() {
  const dir = mkdtempSync(path.join(tmpdir(), "harden-p7-"));
  const ranges = path.join(dir, "ranges");
  mkdirSync(ranges);
  const hex = hexSource();
  for (let n = 0; n < PREFIXES; n++) writeFileSync(path.join(ranges, `${name(n)}.txt`), realisticRange(900 + randomInt(100), hex));
  const profile = process.env.P7_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.P7_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, BIN, "serve", "--offline", ranges, "--listen", "127.0.0.1:0"], { env: { ...process.env, NO_COLOR: "1", HARDEN_HOME: path.join(dir, "home") }, stdio: ["ignore", "ignore", "pipe"] });
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
    const port = Number(new URL(url).port);
    // Unmeasured first second: the server's code is compiled and optimised, as in a room after
    // the first few checks, and the files just written settle into the page cache.
    const warm = await Promise.all(Array.from({ length: 16 }, () => connection(port)));
    await drive(16, 1, (i) => warm[i].get(`/range/${name(randomInt(PREFIXES))}`));
    for (const s of warm) s.close();
    for (const connections of [16, 64]) {
      const sockets = await Promise.all(Array.from({ length: connections }, () => connection(port)));
      const [serverBefore, ownBefore] = [cpuOf(child.pid), process.cpuUsage()];
      const served = await drive(connections, SECONDS, (i) => sockets[i].get(`/range/${name(randomInt(PREFIXES))}`));
      const [serverCpu, own] = [cpuOf(child.pid) - serverBefore, process.cpuUsage(ownBefore)];
      const requests = served.perSecond * SECONDS;
      const us = (seconds) => `${Math.round((seconds * 1e6) / requests)} µs`;
      for (const s of sockets) s.close();
      const read = await drive(connections, SECONDS, () => readFile(path.join(ranges, `${name(randomInt(PREFIXES))}.txt`)));
      const f = (x) => x.toFixed(1);
      figure("P7", `serve at ${connections} connections${PADDING ? ", padded" : ""}: ${Math.round(served.perSecond)} requests/s, p50 ${f(served.p50)} ms, p95 ${f(served.p95)} ms, p99 ${f(served.p99)} ms; CPU a request: server ${Number.isNaN(serverCpu) ? "?" : us(serverCpu)}, generator ${us((own.user + own.system) / 1e6)}`);
      figure("P7", `reading the files at ${connections} at once: ${Math.round(read.perSecond)}/s; serve / read ${(served.perSecond / read.perSecond).toFixed(2)} (goal >= 0.25)`, served.perSecond / read.perSecond >= 0.25);
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.on("close", r));
    rmSync(dir, { recursive: true, force: true });
  }
}
