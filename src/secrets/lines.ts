/**
 * Secrets arrive one per line from stdin or a file, never from argv or the environment.
 * Lines keep their 1-based number so results can name a line without repeating the secret.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { UsageError } from "../errors.js";

export interface SecretLine {
  line: number;
  value: string;
}

/** Non-empty lines of a stream; CRLF and a leading BOM are tolerated. */
export async function readSecretLines(stream: NodeJS.ReadableStream): Promise<SecretLine[]> {
  // A terminal echoes what is typed on stdin: the secret would stay on screen and in the scrollback.
  if ((stream as { isTTY?: boolean }).isTTY === true) {
    throw new UsageError("stdin is a terminal, so what you type there would show on the screen. Redirect a file in (for example --stdin < FILE), or run it without --stdin (or -) to type it at a hidden prompt.");
  }
  const out: SecretLine[] = [];
  let line = 0;
  for await (const raw of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    const value = (line === 1 ? raw.replace(/^\uFEFF/, "") : raw).replace(/\r$/, "");
    if (value.length > 0) out.push({ line, value });
  }
  return out;
}

export async function readSecretFile(file: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<SecretLine[]> {
  if (file === "-") return readSecretLines(stdin);
  const stream = createReadStream(file);
  try {
    return await readSecretLines(stream);
  } catch (error) {
    // The message names the file, never what is in it.
    throw new UsageError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
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
