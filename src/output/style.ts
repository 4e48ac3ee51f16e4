/** Colour only when a person is looking: a TTY, no NO_COLOR, no TERM=dumb, no --no-color. */
import { Chalk, supportsColor, type ChalkInstance } from "chalk";

export function colorEnabled(stream: { isTTY?: boolean }, options: { color: boolean; env?: NodeJS.ProcessEnv }): boolean {
  const env = options.env ?? process.env;
  if (!options.color || (env.NO_COLOR !== undefined && env.NO_COLOR !== "")) return false;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

export type Style = ChalkInstance;

export function makeStyle(enabled: boolean): Style {
  return new Chalk({ level: enabled ? Math.max(1, supportsColor ? supportsColor.level : 1) as 1 | 2 | 3 : 0 });
}
