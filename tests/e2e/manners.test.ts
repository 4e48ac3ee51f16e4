import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, tempDir } from "../helpers/fixtures.js";

let cleanup = () => {};
afterEach(() => cleanup());

function home() {
  const t = tempDir();
  cleanup = t.cleanup;
  return { dir: t.dir, env: { HARDEN_HOME: path.join(t.dir, "home") } };
}

/** The built bin with its stdout read by something that stops after the first chunk, as `| head -3` does. */
function runIntoClosedPipe(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stdout.once("data", () => child.stdout.destroy());
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("a closed output pipe", () => {
  it("checklist show --all into a reader that stops early ends quietly with exit 0", async () => {
    const { env } = home();
    const r = await runIntoClosedPipe(["checklist", "show", "--all"], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("checklist show --all --format html into a closed pipe: no stack trace", async () => {
    const { env } = home();
    const r = await runIntoClosedPipe(["checklist", "show", "--all", "--format", "html"], env);
    expect(r.stderr).not.toMatch(/EPIPE|at .*\(node:/);
    expect(r.code).toBe(0);
  });
});
