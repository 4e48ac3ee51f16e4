// Shared pieces of the benchmarks: timing, child processes, and one line per figure.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const BIN = fileURLToPath(new URL("../bin/harden.js", import.meta.url));

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

/** One line per figure: what was measured, against what, and whether the goal is met. */
export function figure(id, text, ok) {
  const mark = ok === undefined ? "" : ok ? "  PASS" : "  MISS";
  console.log(`${id}  ${text}${mark}`);
  return ok;
}

/** Runs a command to its end; resolves with wall time, exit code and output. */
export function run(command, args, { input, env } = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ ms: performance.now() - start, code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** Like run(), and also the child's peak resident memory (VmHWM, polled from /proc on Linux). */
export function runMeasured(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env: { ...process.env, NO_COLOR: "1", ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peakKb = 0;
    const poll = setInterval(async () => {
      try {
        const status = await import("node:fs").then((fs) => fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // Gone, or not Linux.
      }
    }, 100);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - start, code, stdout, stderr, peakMb: peakKb / 1024 });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** p-th percentile (0-100) of numbers. */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** About `lines` sorted SUFFIX:COUNT lines joined by CRLF: a real range, 30-40 KB. */
export function realisticRange(lines, hex) {
  const out = [];
  for (let i = 0; i < lines; i++) out.push(`${hex(35)}:${1 + Math.floor(Math.random() * 5000)}`);
  return out.sort().join("\r\n");
}
