import { spawn } from "node:child_process";
import { BIN } from "./fixtures.js";

/**
 * The built bin, killed after `limitMs`, so a hang (or a copy of /dev/zero filling the disk)
 * fails the test instead of running on after it. `fileBlocks` caps the size of any file it
 * writes (ulimit -f, in 512-byte blocks for sh), which is how a full disk looks to a program.
 */
export function runHardenWithin(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { limitMs?: number; fileBlocks?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  const argv =
    options.fileBlocks === undefined ? [process.execPath, BIN, ...args] : ["/bin/sh", "-c", `ulimit -f ${options.fileBlocks}; exec "$0" "$@"`, process.execPath, BIN, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: { PATH: process.env.PATH, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, options.limitMs ?? 4000);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}
