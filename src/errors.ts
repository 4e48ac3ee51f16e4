/**
 * Every error harden expects carries its exit code and a message that says what to do next.
 * cli.ts is the one place that turns them into an exit status.
 */
import { t } from "./i18n/index.js";
import { atMost } from "./output/atMost.js";

export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  couldNotCheck: 3,
  /** A defect in harden itself (EX_SOFTWARE): never to be read as "findings". */
  internal: 70,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class HardenError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad flags, arguments or answers: exit 2. */
export class UsageError extends HardenError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** A file harden was given is not what it should be (checklist, answers, dataset): exit 2. */
export class InvalidInputError extends HardenError {
  /** One line per problem, already formatted (for example FILE:LINE: FIELD: what is wrong); at most 20, then "and N more". */
  readonly problems: string[];
  constructor(message: string, problems: string[] = []) {
    super(message, ExitCode.usage);
    this.problems = atMost(problems);
  }
}

/** A check could not be done (network, dataset): exit 3. Never reported as "safe". */
export class CouldNotCheckError extends HardenError {
  constructor(message: string) {
    super(message, ExitCode.couldNotCheck);
  }
}

/** What a stop (Ctrl-C) says was kept: the answers saved, unless the running command said otherwise (onStopSay). */
let stopNote = "errors:interrupted";
export function onStopSay(key: string): void {
  stopNote = key;
}
export const stoppedMessage = (): string => t(stopNote);

/** The person pressed Ctrl-C: exit 130, keeping whatever was saved. */
export class InterruptedError extends HardenError {
  constructor(message = stoppedMessage()) {
    super(message, ExitCode.interrupted);
  }
}

/** The most specific system error code (ENOENT, ECONNRESET...), looking through wrappers' causes and Node's AggregateError. */
export function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z0-9_]{1,48}$/.test(code)) return code;
    const inner = current instanceof AggregateError ? current.errors[0] : current.cause;
    current = inner;
  }
  return undefined;
}
