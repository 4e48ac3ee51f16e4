/**
 * What a command's definition (src/commands/<name>.define.ts) gets from cli.ts: the way to turn
 * its run into commander's action, and the few terminal helpers that need the global flags.
 * Definitions load no heavy module: each action imports its command module when it runs.
 */
import type { Command } from "commander";
import type { CheckProgress } from "../breach/result.js";
import type { CommandResult } from "../output/results.js";
import type { ProgressLine } from "../output/progress.js";
import type { Style } from "../output/style.js";
import type { Context } from "./context.js";

/** The flags every command takes (see cli.ts). */
export interface GlobalOptions {
  json?: boolean;
  color: boolean;
  save: boolean;
  checklists?: string;
  debug?: boolean;
  lang?: string;
}

/**
 * A command's work: commander's arguments in order (each declared argument, then the command's
 * own flags as its interface, then the Command), after the context and the global flags.
 */
export type Run<A extends unknown[]> = (ctx: Context, globals: GlobalOptions, ...args: A) => Promise<CommandResult>;

export interface CommandKit {
  /** harden's version, for the User-Agent of breach lookups and for handouts. */
  version: string;
  /** commander's action for `run`: gathers the global flags, opens the context, prints the result. `state: false` for commands that keep nothing. */
  action<A extends unknown[]>(run: Run<A>, options?: { state?: boolean }): (...args: unknown[]) => Promise<void>;
  /** Colours for what goes to stderr (questions, steps); loaded only by commands that talk. */
  stderrStyle(globals: GlobalOptions): Promise<{ style: Style; color: boolean }>;
  /** A progress line on stderr when a person is watching and not reading JSON. */
  progressFor<P extends CheckProgress = CheckProgress>(globals: GlobalOptions, label: string, describe?: (progress: P) => string): Promise<ProgressLine<P> | undefined>;
  /** Runs the rest of an interactive command in the terminal's alternate screen. */
  usePrivateScreen(): Promise<void>;
  /** A message on stderr while a command runs (a warning, a server's log), wrapped like every other at a terminal. */
  say(text: string): void;
  /** The message (a catalogue key) Ctrl-C ends with from now on, for a command that keeps something other than answers. */
  onStopSay(key: string): void;
}

/** A repeatable flag's values, in the order given. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The prompts module, loaded only when there is a terminal to ask at. */
export const promptsIfTerminal = async (ctx: Context) => (ctx.canPrompt ? await import("../prompts/index.js") : undefined);
