import { loadChecklists } from "../../src/checklists/catalog.js";
import type { Checklist } from "../../src/core/checklist.js";
import type { Context } from "../../src/commands/context.js";
import { openState, type StateStore } from "../../src/state/store.js";

/** A command context like the CLI's, with its state in `home` and a fixed clock. */
export function testContext(home: string, options: Partial<Pick<Context, "checklistsDir" | "save" | "json" | "canPrompt" | "lang">> = {}): Context {
  let state: StateStore | undefined;
  let lists: Promise<Checklist[]> | undefined;
  let tick = 0;
  const env = { HARDEN_HOME: home } as NodeJS.ProcessEnv;
  return {
    env,
    checklistsDir: options.checklistsDir,
    save: options.save ?? true,
    json: options.json ?? false,
    lang: options.lang ?? "en",
    canPrompt: options.canPrompt ?? false,
    now: () => new Date(Date.UTC(2026, 10, 25, 12, 0, tick++)),
    state: () => (state ??= openState({ save: options.save ?? true, env })),
    checklists: () => (lists ??= loadChecklists({ extraDirs: [options.checklistsDir], lang: options.lang ?? "en" })),
  };
}
