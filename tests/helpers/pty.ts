import { spawn, type IPty } from "@lydell/node-pty";
import { BIN } from "./fixtures.js";

/** The built harden in a pseudo-terminal: type keys, wait for text, collect the exit code. */
export class PtySession {
  readonly pty: IPty;
  output = "";
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  #waiters: Array<() => void> = [];

  constructor(args: string[], env: NodeJS.ProcessEnv, size: { cols: number; rows: number } = { cols: 100, rows: 40 }) {
    // harden runs under a shell that keeps the terminal open a moment after it exits: when the
    // session leader itself exits, Linux hangs up the terminal and may drop the last output before
    // node-pty reads it (a summary printed just before exit, lost now and then on a busy machine).
    // The shell ignores Ctrl-C; harden installs its own handler, so it still gets it and exits 130.
    const keepOpen = 'trap "" INT; "$0" "$@"; status=$?; sleep 0.3; exit $status';
    this.pty = spawn("/bin/sh", ["-c", keepOpen, process.execPath, BIN, ...args], {
      name: "xterm-256color",
      cols: size.cols,
      rows: size.rows,
      env: { PATH: process.env.PATH ?? "", TERM: "xterm-256color", ...env } as Record<string, string>,
    });
    this.pty.onData((data) => {
      this.output += data;
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) => this.pty.onExit(resolve));
  }

  /** Output with escape sequences removed, for matching text. */
  get text(): string {
    return this.output.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b[()][0-9A-B]|\u001b[=>]/g, "");
  }

  /** Waits until `pattern` has appeared `count` times in the output. */
  async waitFor(pattern: RegExp, count = 1, timeoutMs = 15000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const flags = pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`;
    const global = new RegExp(pattern.source, flags);
    while ((this.text.match(global)?.length ?? 0) < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${pattern} (x${count}); output was:\n${this.text.slice(-3000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  type(keys: string): void {
    this.pty.write(keys);
  }
}

export const KEY = { enter: "\r", down: "\u001b[B", up: "\u001b[A", space: " ", ctrlC: "\u0003" };
