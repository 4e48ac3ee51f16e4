/** Where harden keeps its files: $HARDEN_HOME, or the platform's config folder. */
import path from "node:path";
import envPaths from "env-paths";

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HARDEN_HOME) return path.resolve(env.HARDEN_HOME);
  // The platform's config folder (XDG on Linux, Application Support on macOS…).
  return envPaths("harden", { suffix: "" }).config;
}
