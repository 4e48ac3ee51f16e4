/**
 * Secrets arrive one per line from stdin or a file, never from argv or the environment.
 * Lines keep their 1-based number so results can name a line without repeating the secret.
 */
import { createReadStream, fstatSync, readSync, type Stats } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { UsageError } from "../errors.js";
import { MAX_SECRET_CHARS } from "../input/limits.js";

export interface SecretLine {
  line: number;
  value: string;
}

/** One secret longer than MAX_SECRET_CHARS is refused; `where` says where it came from ("on line 3 of FILE"). */
export function checkSecretLength(value: string, where: string): void {
  if (value.length > MAX_SECRET_CHARS) throw secretTooLong(where);
}

const secretTooLong = (where: string) =>
  new UsageError(
    `The password or secret ${where} is longer than ${MAX_SECRET_CHARS.toLocaleString("en-US")} characters, the most harden reads for one. Give one per line.`,
  );

const LINE_BREAK = /\r\n|\n|\r/;

/**
 * Cuts text into numbered lines as it arrives: CRLF, a lone CR and a leading BOM are tolerated
 * (as readline does), empty lines are skipped, and a line over MAX_SECRET_CHARS stops the
 * reading at once, so an endless or huge line (a 200 MB file, /dev/zero) never fills the memory.
 */
class SecretLineSplitter {
  readonly lines: SecretLine[] = [];
  private line = 0;
  private pending = "";
  private readonly decoder = new StringDecoder("utf8");

  constructor(private readonly source: string) {}

  push(chunk: Buffer | string): void {
    let text = this.pending + (typeof chunk === "string" ? chunk : this.decoder.write(chunk));
    // A CR at the end may be the first half of a CRLF split between two chunks: keep it back.
    const held = text.endsWith("\r") ? "\r" : "";
    if (held) text = text.slice(0, -1);
    const parts = text.split(LINE_BREAK);
    this.pending = parts.pop()! + held;
    for (const raw of parts) this.take(raw);
    if (this.pending.length > MAX_SECRET_CHARS + 1) throw secretTooLong(`on line ${this.line + 1} of ${this.source}`);
  }

  end(): SecretLine[] {
    const last = (this.pending + this.decoder.end()).replace(/\r$/, "");
    this.pending = "";
    if (last !== "") this.take(last);
    return this.lines;
  }

  private take(raw: string): void {
    this.line++;
    const value = this.line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    checkSecretLength(value, `on line ${this.line} of ${this.source}`);
    if (value.length > 0) this.lines.push({ line: this.line, value });
  }
}

/** Non-empty lines of a stream (see SecretLineSplitter). `source` names the input in messages. */
export async function readSecretLines(stream: NodeJS.ReadableStream, source = "stdin", splitter = new SecretLineSplitter(source)): Promise<SecretLine[]> {
  // A terminal echoes what is typed on stdin: the secret would stay on screen and in the scrollback.
  if ((stream as { isTTY?: boolean }).isTTY === true) {
    throw new UsageError("stdin is a terminal, so what you type there would show on the screen. Redirect a file in (for example --stdin < FILE), or run it without --stdin (or -) to type it at a hidden prompt.");
  }
  for await (const chunk of stream) splitter.push(chunk as Buffer | string);
  return splitter.end();
}

/**
 * The lines of stdin. A pipe (a shell's FIFO, or the socket pair a program that starts harden
 * gives it) or a redirected file is read straight from descriptor 0, without setting up
 * process.stdin (a script's check starts several milliseconds sooner); a terminal, anything
 * else, or a pipe that would block (O_NONBLOCK, set by whoever opened it) goes through
 * process.stdin, from where the direct reads stopped.
 */
export async function readStdinLines(): Promise<SecretLine[]> {
  let kind: Stats;
  try {
    kind = fstatSync(0);
  } catch {
    return readSecretLines(process.stdin);
  }
  if (!kind.isFIFO() && !kind.isSocket() && !kind.isFile()) return readSecretLines(process.stdin);
  const splitter = new SecretLineSplitter("stdin");
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let read: number;
    try {
      read = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") return readSecretLines(process.stdin, "stdin", splitter);
      throw error;
    }
    if (read === 0) return splitter.end();
    splitter.push(buffer.subarray(0, read));
  }
}

export async function readSecretFile(file: string, stdin?: NodeJS.ReadableStream): Promise<SecretLine[]> {
  if (file === "-") return stdin ? readSecretLines(stdin) : readStdinLines();
  // Not only regular files: --password-file <(pass show site) gives a pipe, which is fine here.
  const stream = createReadStream(file);
  try {
    return await readSecretLines(stream, file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // The message names the file, never what is in it.
    throw new UsageError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
  } finally {
    stream.destroy();
  }
}

/**
 * Environment variables that look like they hold a secret for harden. harden never reads
 * them; it refuses to run so the person learns the safe ways instead of trusting a silent skip.
 */
export function secretEnvironmentNames(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env).filter((name) => /^HARDEN_.*(PASS|SECRET|TOTP)/i.test(name));
}

/**
 * Refuses a secret from argv (extra arguments, or a --password style flag) or from a HARDEN_*
 * environment variable, saying why and what to do instead. `what` is "password" or "secret".
 */
export function refuseUnsafeSecretSources(env: NodeJS.ProcessEnv, options: { onCommandLine: boolean; what: string; safeWays: string }): void {
  if (options.onCommandLine) {
    throw new UsageError(`harden never takes a ${options.what} on the command line: other people on this computer and your shell history could see it. ${options.safeWays}`);
  }
  const names = secretEnvironmentNames(env);
  if (names.length > 0) {
    throw new UsageError(`harden never reads ${options.what}s from environment variables (found ${names.join(", ")}): they leak into logs and process lists. Unset it. ${options.safeWays}`);
  }
}
