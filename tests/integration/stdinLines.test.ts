/**
 * readStdinLines reads a pipe or a redirected file straight from descriptor 0 and falls back to
 * process.stdin where a read would block: each case runs in a child process whose stdin is the
 * real thing (a pipe written in parts, a file, a pipe made non-blocking by process.stdin).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, openSync, closeSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";

const LINES = new URL("../../dist/secrets/lines.js", import.meta.url).href;

/** Runs readStdinLines in a child with `stdin`; `touch` first makes process.stdin (O_NONBLOCK on a pipe). */
function child(stdin: "pipe" | number, options: { touch?: boolean; waitMs?: number } = {}) {
  const script = `import { readStdinLines } from ${JSON.stringify(LINES)};
${options.touch ? "process.stdin;" : ""}
await new Promise((r) => setTimeout(r, ${options.waitMs ?? 0}));
try { process.stdout.write(JSON.stringify(await readStdinLines())); } catch (error) { process.stdout.write(JSON.stringify({ error: error.message })); }`;
  const proc = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: [stdin, "pipe", "inherit"] });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  const done = new Promise<unknown>((resolve, reject) => {
    proc.on("error", reject);
    proc.on("close", () => resolve(JSON.parse(out)));
  });
  return { proc, done };
}

describe("readStdinLines", () => {
  it("reads a pipe written in parts, a line cut between them", async () => {
    const { proc, done } = child("pipe");
    proc.stdin!.write("first\r\nsec");
    await sleep(150);
    proc.stdin!.write("ond\n\nthird");
    await sleep(50);
    proc.stdin!.end("\rfourth\n");
    expect(await done).toEqual([
      { line: 1, value: "first" },
      { line: 2, value: "second" },
      { line: 4, value: "third" },
      { line: 5, value: "fourth" },
    ]);
  });

  it("reads a redirected file, without its byte order mark", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "harden-stdin-"));
    const file = path.join(dir, "passwords.txt");
    writeFileSync(file, "\uFEFFone\ntwo\n");
    const fd = openSync(file, "r");
    try {
      expect(await child(fd).done).toEqual([
        { line: 1, value: "one" },
        { line: 2, value: "two" },
      ]);
    } finally {
      closeSync(fd);
    }
  });

  it("goes on through process.stdin when the pipe would block, with nothing lost at the switch", async () => {
    // process.stdin made first sets O_NONBLOCK: the direct read gets what is there, then EAGAIN.
    const { proc, done } = child("pipe", { touch: true, waitMs: 200 });
    proc.stdin!.write("alpha\nbe");
    await sleep(400);
    proc.stdin!.end("ta\ngamma\n");
    expect(await done).toEqual([
      { line: 1, value: "alpha" },
      { line: 2, value: "beta" },
      { line: 3, value: "gamma" },
    ]);
  });

  it("stops at a line longer than a secret can be, from a pipe that never ends", async () => {
    const { proc, done } = child("pipe");
    const chunk = "x".repeat(16 * 1024);
    let writing = true;
    proc.stdin!.on("error", () => (writing = false));
    void (async () => {
      while (writing && !proc.stdin!.destroyed) {
        if (!proc.stdin!.write(chunk)) await new Promise((r) => proc.stdin!.once("drain", r));
      }
    })();
    const result = (await done) as { error?: string };
    writing = false;
    proc.stdin!.destroy();
    expect(result.error).toMatch(/longer than 65,536 characters/);
  });
});
