/** What every command gets from the CLI: the global flags and the few things that touch the world. */
import type { Checklist } from "../core/checklist.js";
import type { Language } from "../i18n/index.js";
import type { StateStore } from "../state/store.js";

export interface Context {
  env: NodeJS.ProcessEnv;
  /** A trainer's own checklists laid over the built-in ones (--checklists DIR). */
  checklistsDir?: string;
  /** False with --no-save: nothing is written to disk this run. */
  save: boolean;
  json: boolean;
  /** The language of this run (--lang, the saved setting, or the locale). */
  lang: Language;
  /** Both stdin and stdout are a terminal. */
  canPrompt: boolean;
  now(): Date;
  /** Opened on first use, so commands that keep nothing never create the state folder. */
  state(): StateStore;
  /** The checklists in the run's language (items without a current translation stay in English and say so). */
  checklists(): Promise<Checklist[]>;
}
