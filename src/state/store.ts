/**
 * Where harden keeps settings and audit progress (conf), and how it forgets them.
 * HARDEN_HOME moves every file into one folder; --no-save keeps everything in memory.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync } from "node:fs";
import path from "node:path";
import Conf from "conf";
import { emptyProgress, isAnswer, type Progress } from "../core/progress.js";

const PROGRESS = "progress";
const SETTINGS = "settings";
/** Every entry harden may create in its folder; `forget` removes exactly these (and moved-aside files). */
export const EVIDENCE = "evidence";
const OWNED_ENTRIES = [`${PROGRESS}.json`, `${SETTINGS}.json`, "snapshots", EVIDENCE, "verified-data.json"];
const CORRUPT_MARK = ".corrupt-";

export type Settings = Record<string, unknown>;

export interface StateStore {
  /** The folder files are kept in; undefined when nothing is saved this run. */
  readonly dir: string | undefined;
  /** One-line messages for the person (a broken file moved aside, and so on). */
  readonly notices: string[];
  loadProgress(): Progress;
  saveProgress(progress: Progress): void;
  loadSettings(): Settings;
  saveSettings(settings: Settings): void;
}

let defaultDir: string | undefined;

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HARDEN_HOME) return path.resolve(env.HARDEN_HOME);
  if (defaultDir === undefined) {
    // conf works out the platform's config folder (XDG on Linux, Application Support on macOS…).
    defaultDir = path.dirname(new Conf({ projectName: "harden", projectSuffix: "", configName: "probe" }).path);
    // Opening conf creates that folder; harden leaves none behind until it saves something
    // (--no-save, report, password). rmdir only ever removes an empty folder.
    try {
      rmdirSync(defaultDir);
    } catch {
      // Not empty: harden's own files are in it.
    }
  }
  return defaultDir;
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

/** The part of a conf store harden uses: the whole object, read and written at once. */
interface WholeStore {
  store: Record<string, unknown>;
}

const timeStamp = (now: Date) => now.toISOString().replace(/[:.]/g, "-");

/** conf-backed state in a folder. A file that cannot be read is moved aside, never overwritten. */
class FolderStore implements StateStore {
  readonly notices: string[] = [];
  readonly #stores = new Map<string, WholeStore>();
  /** `own`: the folder is harden's own (not a HARDEN_HOME someone chose), so its mode may be tightened. */
  constructor(
    readonly dir: string,
    private readonly own: boolean,
  ) {}

  #open(name: string, check: (value: unknown) => boolean, what: string): WholeStore {
    const existing = this.#stores.get(name);
    if (existing) return existing;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // An older folder (or one made by another tool) may be readable by others: harden's own is not.
    if (this.own) chmodSync(this.dir, 0o700);
    const make = () => new Conf<Record<string, unknown>>({ cwd: this.dir, configName: name, configFileMode: 0o600, accessPropertiesByDotNotation: false });
    let store: WholeStore;
    try {
      store = make();
      if (!check(store.store)) throw new Error("unexpected shape");
    } catch {
      const file = path.join(this.dir, `${name}.json`);
      const aside = `${file}${CORRUPT_MARK}${timeStamp(new Date())}`;
      try {
        renameSync(file, aside);
        this.notices.push(`Your saved ${what} could not be read, so it was kept aside as ${aside} and harden started afresh.`);
      } catch (error) {
        this.notices.push(`Your saved ${what} at ${file} could not be read or moved (${(error as NodeJS.ErrnoException).code ?? "error"}); harden will not save ${what} this run.`);
        const memory: WholeStore = { store: {} };
        this.#stores.set(name, memory);
        return memory;
      }
      store = make();
    }
    this.#stores.set(name, store);
    return store;
  }

  /** Reading what was never saved creates nothing: harden leaves no folder behind until it saves. */
  #exists(name: string): boolean {
    return this.#stores.has(name) || existsSync(path.join(this.dir, `${name}.json`));
  }

  loadProgress(): Progress {
    if (!this.#exists(PROGRESS)) return emptyProgress();
    const store = this.#open(PROGRESS, (v) => Object.keys(v as object).length === 0 || isProgress(v), "progress").store;
    return isProgress(store) ? (store as Progress) : emptyProgress();
  }
  saveProgress(progress: Progress): void {
    this.#open(PROGRESS, () => true, "progress").store = progress as unknown as Record<string, unknown>;
  }
  loadSettings(): Settings {
    if (!this.#exists(SETTINGS)) return {};
    return { ...this.#open(SETTINGS, isSettings, "settings").store };
  }
  saveSettings(settings: Settings): void {
    this.#open(SETTINGS, () => true, "settings").store = settings;
  }
}

/** --no-save: reads nothing back from disk and writes nothing to it. */
class MemoryStore implements StateStore {
  readonly dir = undefined;
  readonly notices: string[] = [];
  #progress: Progress = emptyProgress();
  #settings: Settings = {};
  constructor(seed?: { progress?: Progress; settings?: Settings }) {
    if (seed?.progress) this.#progress = seed.progress;
    if (seed?.settings) this.#settings = seed.settings;
  }
  loadProgress(): Progress {
    return this.#progress;
  }
  saveProgress(progress: Progress): void {
    this.#progress = progress;
  }
  loadSettings(): Settings {
    return { ...this.#settings };
  }
  saveSettings(settings: Settings): void {
    this.#settings = { ...settings };
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

export function openState(options: { save: boolean; env?: NodeJS.ProcessEnv }): StateStore {
  const dir = stateDir(options.env);
  if (options.save) return new FolderStore(dir, !(options.env ?? process.env).HARDEN_HOME);
  // --no-save still shows what was saved before, but never touches the folder.
  const progress = readJson(path.join(dir, `${PROGRESS}.json`));
  const settings = readJson(path.join(dir, `${SETTINGS}.json`));
  return new MemoryStore({
    progress: isProgress(progress) ? progress : undefined,
    settings: isSettings(settings) ? settings : undefined,
  });
}

/** Files and folders harden has saved in `dir`. */
export function savedEntries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => OWNED_ENTRIES.includes(name) || OWNED_ENTRIES.some((owned) => name.startsWith(`${owned}${CORRUPT_MARK}`)))
    .map((name) => path.join(dir, name));
}

/** Deletes everything harden saved; removes the folder too when nothing else is left in it. */
export function forgetAll(dir: string, options: { keepEvidence?: boolean } = {}): string[] {
  const removed = savedEntries(dir).filter((entry) => !(options.keepEvidence && path.basename(entry) === EVIDENCE));
  for (const entry of removed) rmSync(entry, { recursive: true, force: true });
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (someone else's files in HARDEN_HOME) or already gone: leave it.
  }
  return removed;
}
