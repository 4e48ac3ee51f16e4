/**
 * The answer to "has this password been in a breach?", shared by the online range client
 * and the offline datasets so the command can treat both alike.
 *
 * "unknown" is a first-class answer: a failed check must never read as "not found".
 * Its reason is plain words for a person and never holds the password or its full hash.
 */
export type BreachResult =
  | { readonly status: "found"; readonly count: number }
  | { readonly status: "not-found" }
  | { readonly status: "unknown"; readonly reason: string };

export const found = (count: number): BreachResult => ({ status: "found", count });
export const notFound = (): BreachResult => ({ status: "not-found" });
export const unknown = (reason: string): BreachResult => ({ status: "unknown", reason });

/** Progress is counted in hashes answered, so a caller can show "12 of 50 checked". */
export interface CheckProgress {
  readonly done: number;
  readonly total: number;
}

export interface CheckOptions {
  onProgress?: (progress: CheckProgress) => void;
  /** Stops the batch: the returned promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** What the breach command needs, whether the answers come from the network or a local file. */
export interface BreachChecker {
  /** One result per input hash, in input order. Hashes are upper- or lower-case hex. */
  checkMany(hashes: readonly string[], options?: CheckOptions): Promise<BreachResult[]>;
  close(): Promise<void>;
}
