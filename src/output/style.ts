/** Colour only when a person is looking: a TTY, no NO_COLOR, no TERM=dumb, no --no-color. */

export function colorEnabled(stream: { isTTY?: boolean }, options: { color: boolean; env?: NodeJS.ProcessEnv }): boolean {
  const env = options.env ?? process.env;
  if (!options.color || (env.NO_COLOR !== undefined && env.NO_COLOR !== "")) return false;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

type Paint = (text: string) => string;

/** The few styles harden uses; chalk provides them when colour is on. */
export interface Style {
  bold: Paint;
  dim: Paint;
  underline: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
}

const same: Paint = (text) => text;

/** Text as it is: for pipes, files and NO_COLOR, without loading chalk at all. */
export function plainStyle(): Style {
  return { bold: same, dim: same, underline: same, red: same, green: same, yellow: same };
}

export async function makeStyle(enabled: boolean): Promise<Style> {
  if (!enabled) return plainStyle();
  const { Chalk, supportsColor } = await import("chalk");
  return new Chalk({ level: Math.max(1, supportsColor ? supportsColor.level : 1) as 1 | 2 | 3 });
}
