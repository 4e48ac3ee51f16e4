/**
 * Where harden keeps settings and audit progress, and how it forgets them. HARDEN_HOME moves
 * every file into one folder; --no-save keeps everything in memory. Each change is made under
 * the folder's lock on the latest saved copy, so two harden processes at once lose nothing.
 */
import { existsSync, readdirSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { stateDir } from "./dir.js";
import { emptyProgress, isAnswer, type Progress } from "../core/progress.js";
import { removeEvidenceLeftovers } from "../evidence/layout.js";
import { keepAside, readStateFile, TEMP_MARK, useStateFolder, writeStateFile } from "./folder.js";
import { LOCK_NAME, withStateLockSync } from "./lock.js";
import { t } from "../i18n/index.js";
import { HardenError, UsageError } from "../errors.js";

export { stateDir };

const PROGRESS = "progress";
const SETTINGS = "settings";
export const EVIDENCE = "evidence";
const DECOY_KEY = "decoy-key";
/** Every entry harden may create in its folder; `forget` removes exactly these (and their moved-aside and temporary files). */
const OWNED_ENTRIES = [`${PROGRESS}.json`, `${SETTINGS}.json`, "snapshots", EVIDENCE, LOCK_NAME, "verified-data.json", "stalkerware-indicators.json", DECOY_KEY];
const CORRUPT_MARK = ".corrupt-";

export type Settings = Record<string, unknown>;

export interface StateStore {
  /** The folder files are kept in; undefined when nothing is saved this run. */
  readonly dir: string | undefined;
  /** One-line messages for the person (a broken file moved aside, and so on). */
  readonly notices: string[];
  loadProgress(): Progress;
  /** Applies `change` to the latest saved progress (another harden may have saved since), saves and returns it. */
  updateProgress(change: (latest: Progress) => Progress): Progress;
  loadSettings(): Settings;
  updateSettings(change: (latest: Settings) => Settings): Settings;
  /**
   * The key that keeps each breach prefix's decoys the same from run to run (src/breach/batch.ts),
   * made and saved the first time it is asked for. Throws (a HardenError, one clear line) when
   * none can be kept: --no-save with none saved before, a folder that refuses it, a damaged key
   * (kept aside). Decoys new each run would give the real prefixes away to anyone who saw two
   * runs, so then nothing is sent at all.
   */
  decoyKey(): Uint8Array;
}


function isProgress(value: unknown): value is Progress {
  if (typeof value !== "object" || value === null) return false;
  const { answers, session } = value as Record<string, unknown>;
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return false;
  for (const saved of Object.values(answers)) {
    if (typeof saved !== "object" || saved === null) return false;
    const { status, at } = saved as Record<string, unknown>;
    if (!isAnswer(status) || typeof at !== "string") return false;
  }
  if (session === undefined) return true;
  if (typeof session !== "object" || session === null) return false;
  const s = session as Record<string, unknown>;
  const strings = (v: unknown) => Array.isArray(v) && v.every((p) => typeof p === "string");
  return strings(s.platforms) && typeof s.startedAt === "string" && (s.order === undefined || strings(s.order));
}

const isSettings = (value: unknown): value is Settings => typeof value === "object" && value !== null && !Array.isArray(value);

interface Kind<T> {
  /** The file's name without .json, and the key of its notices in the errors catalogue (state.keptAside.NAME). */
  name: "progress" | "settings";
  check: (value: unknown) => value is T;
  empty: () => T;
}

const PROGRESS_FILE: Kind<Progress> = { name: PROGRESS, check: isProgress, empty: emptyProgress };
const SETTINGS_FILE: Kind<Settings> = { name: SETTINGS, check: isSettings, empty: () => ({}) };

/** What a state file holds: nothing yet, a value of the right shape, or something unreadable. */
function readKind<T>(dir: string, kind: Kind<T>): { state: "none" } | { state: "ok"; value: T } | { state: "broken" } {
  const bytes = readStateFile(path.join(dir, `${kind.name}.json`));
  if (bytes === undefined) return { state: "none" };
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return kind.check(value) ? { state: "ok", value } : { state: "broken" };
  } catch {
    return { state: "broken" };
  }
}

/** The saved decoy key: 32 bytes as 64 hex digits; undefined when there is none, "damaged" when it is not one. */
function readDecoyKey(file: string): Uint8Array | "damaged" | undefined {
  const text = readStateFile(file)?.toString("latin1");
  if (text === undefined) return undefined;
  return /^[0-9a-f]{64}\n?$/.test(text) ? Buffer.from(text.slice(0, 64), "hex") : "damaged";
}

const timeStamp = (now: Date) => now.toISOString().replace(/[:.]/g, "-");
/** Where an unreadable file is kept aside: beside it, named with the time. */
const asideName = (file: string) => `${file}${CORRUPT_MARK}${timeStamp(new Date())}`;

/** State in a folder. A file that cannot be read is moved aside, never overwritten. */
class FolderStore implements StateStore {
  readonly notices: string[] = [];
  /** Files that could be neither read nor moved aside: kept in memory for this run only. */
  readonly #unsaved = new Map<string, unknown>();
  constructor(readonly dir: string) {}

  /**
   * The saved value, or the kind's empty one; a broken file is moved aside first. `locked`:
   * the caller holds the folder's lock (to change and save the result).
   */
  #current<T>(kind: Kind<T>, locked: boolean): T {
    if (this.#unsaved.has(kind.name)) return this.#unsaved.get(kind.name) as T;
    const read = readKind(this.dir, kind);
    if (read.state === "ok") return read.value;
    if (read.state === "none") return kind.empty();
    if (locked) return this.#setAside(kind);
    // Another harden may have moved it aside, or saved a good copy, while this one waited.
    return withStateLockSync(this.dir, () => this.#current(kind, true));
  }

  #setAside<T>(kind: Kind<T>): T {
    const file = path.join(this.dir, `${kind.name}.json`);
    const aside = asideName(file);
    try {
      keepAside(file, aside);
      this.notices.push(t(`errors:state.keptAside.${kind.name}`, { aside }));
    } catch (error) {
      this.notices.push(t(`errors:state.notMoved.${kind.name}`, { file, code: (error as NodeJS.ErrnoException).code ?? "error" }));
      this.#unsaved.set(kind.name, kind.empty());
    }
    return kind.empty();
  }

  #load<T>(kind: Kind<T>): T {
    // Reading what was never saved creates nothing: harden leaves no folder behind until it saves.
    if (!this.#unsaved.has(kind.name) && !useStateFolder(this.dir, { create: false })) return kind.empty();
    return this.#current(kind, false);
  }

  #update<T>(kind: Kind<T>, change: (latest: T) => T): T {
    if (this.#unsaved.has(kind.name)) {
      const next = change(this.#unsaved.get(kind.name) as T);
      this.#unsaved.set(kind.name, next);
      return next;
    }
    useStateFolder(this.dir, { create: true });
    return withStateLockSync(this.dir, () => {
      const next = change(this.#current(kind, true));
      if (this.#unsaved.has(kind.name)) this.#unsaved.set(kind.name, next);
      else writeStateFile(path.join(this.dir, `${kind.name}.json`), `${JSON.stringify(next, undefined, "\t")}\n`);
      return next;
    });
  }

  loadProgress(): Progress {
    return this.#load(PROGRESS_FILE);
  }
  updateProgress(change: (latest: Progress) => Progress): Progress {
    return this.#update(PROGRESS_FILE, change);
  }
  loadSettings(): Settings {
    return { ...this.#load(SETTINGS_FILE) };
  }
  updateSettings(change: (latest: Settings) => Settings): Settings {
    return this.#update(SETTINGS_FILE, (latest) => change({ ...latest }));
  }
  decoyKey(): Uint8Array {
    const file = path.join(this.dir, DECOY_KEY);
    try {
      const saved = useStateFolder(this.dir, { create: false }) ? readDecoyKey(file) : undefined;
      if (saved instanceof Uint8Array) return saved;
      useStateFolder(this.dir, { create: true });
      // Under the lock: two runs at once end up with one key.
      return withStateLockSync(this.dir, () => {
        const again = readDecoyKey(file);
        if (again instanceof Uint8Array) return again;
        if (again === "damaged") {
          const aside = asideName(file);
          keepAside(file, aside);
          throw new UsageError(t("errors:state.decoyKeyDamaged", { aside }));
        }
        const key = process.getBuiltinModule("node:crypto").randomBytes(32);
        writeStateFile(file, `${key.toString("hex")}\n`);
        return key;
      });
    } catch (error) {
      // A link, a busy folder, a damaged key: their own words. Anything else: which folder, and why.
      if (error instanceof HardenError) throw error;
      throw new UsageError(t("errors:state.decoyKeyNotKept", { dir: this.dir, code: (error as NodeJS.ErrnoException).code ?? "error" }));
    }
  }

}

/** --no-save: reads nothing back from disk and writes nothing to it. */
class MemoryStore implements StateStore {
  readonly dir = undefined;
  readonly notices: string[] = [];
  #progress: Progress;
  #settings: Settings;
  readonly #savedDecoyKey: () => Uint8Array | undefined;
  constructor(seed: { progress: Progress; settings: Settings; savedDecoyKey: () => Uint8Array | undefined }) {
    this.#progress = seed.progress;
    this.#settings = seed.settings;
    this.#savedDecoyKey = seed.savedDecoyKey;
  }
  decoyKey(): Uint8Array {
    const key = this.#savedDecoyKey();
    if (key === undefined) throw new UsageError(t("errors:state.decoyKeyNew"));
    return key;
  }
  loadProgress(): Progress {
    return this.#progress;
  }
  updateProgress(change: (latest: Progress) => Progress): Progress {
    return (this.#progress = change(this.#progress));
  }
  loadSettings(): Settings {
    return { ...this.#settings };
  }
  updateSettings(change: (latest: Settings) => Settings): Settings {
    this.#settings = { ...change({ ...this.#settings }) };
    return { ...this.#settings };
  }
}

export function openState(options: { save: boolean; env?: NodeJS.ProcessEnv }): StateStore {
  const dir = stateDir(options.env);
  if (options.save) return new FolderStore(dir);
  // --no-save still shows what was saved before, but never touches the folder.
  const saved = <T>(kind: Kind<T>) => {
    const read = useStateFolder(dir, { create: false }) ? readKind(dir, kind) : { state: "none" as const };
    return read.state === "ok" ? read.value : kind.empty();
  };
  // Read only when decoys are asked for, not at every start with --no-save.
  const savedDecoyKey = () => {
    try {
      const key = useStateFolder(dir, { create: false }) ? readDecoyKey(path.join(dir, DECOY_KEY)) : undefined;
      return key instanceof Uint8Array ? key : undefined;
    } catch {
      // Unreadable: as with none saved, --decoys is then refused.
      return undefined;
    }
  };
  return new MemoryStore({ progress: saved(PROGRESS_FILE), settings: saved(SETTINGS_FILE), savedDecoyKey });
}

const isOwned = (name: string) =>
  OWNED_ENTRIES.includes(name) || [PROGRESS, SETTINGS].some((file) => name.startsWith(`${file}.json${CORRUPT_MARK}`) || name.startsWith(`${file}.json${TEMP_MARK}`));

/** Files and folders harden has saved in `dir` (with any temporary files and lock it left). */
export function savedEntries(dir: string): string[] {
  if (!useStateFolder(dir, { create: false })) return [];
  return readdirSync(dir)
    .filter(isOwned)
    .map((name) => path.join(dir, name));
}

/**
 * Deletes everything harden saved; with keepEvidence, keeps the evidence log and its copies
 * but not the temporary files an interrupted write left. Leaves no empty folder behind.
 */
export function forgetAll(dir: string, options: { keepEvidence?: boolean } = {}): string[] {
  if (!useStateFolder(dir, { create: false })) return [];
  const removed = withStateLockSync(dir, () => {
    const entries = savedEntries(dir).filter((entry) => {
      const name = path.basename(entry);
      return name !== LOCK_NAME && !(options.keepEvidence && name === EVIDENCE);
    });
    // First, because it refuses a link planted at evidence/: then nothing else is deleted either.
    const evidence = path.join(dir, EVIDENCE);
    const leftovers = options.keepEvidence && existsSync(evidence) ? removeEvidenceLeftovers(evidence) : [];
    for (const entry of entries) rmSync(entry, { recursive: true, force: true });
    return [...entries, ...leftovers];
  });
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (the evidence log, or someone else's files in HARDEN_HOME) or already gone: leave it.
  }
  return removed;
}
