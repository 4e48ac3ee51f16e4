/**
 * The language saved with `harden config set lang`, read at start-up before any command is
 * built (help texts are translated too). Read-only and quiet: a missing or broken settings file
 * means no saved language here; the command that uses settings reports a broken file itself.
 */
import path from "node:path";
import { stateDir } from "./dir.js";
import { readStateFile } from "./folder.js";

export function savedLanguage(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const bytes = readStateFile(path.join(stateDir(env), "settings.json"));
    if (bytes === undefined) return undefined;
    const lang = (JSON.parse(bytes.toString("utf8")) as { lang?: unknown }).lang;
    return typeof lang === "string" ? lang : undefined;
  } catch {
    return undefined;
  }
}
