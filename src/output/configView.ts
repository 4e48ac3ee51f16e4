/** `harden config` as text: one `name = value` line per setting, and "Saved." after a change. */
import { t } from "../i18n/index.js";
import { sanitizeLine } from "./sanitize.js";

export function configText(values: Record<string, unknown>, changed: boolean): { stdout: string; stderr: string[] } {
  const shown = (v: unknown) => (v === null ? t("cli:config.notSet") : Array.isArray(v) ? v.map(String).map(sanitizeLine).join(",") : sanitizeLine(String(v)));
  const lines = Object.entries(values).map(([name, value]) => `${name} = ${shown(value)}`);
  return { stdout: `${lines.join("\n")}\n`, stderr: changed ? [t("cli:config.saved")] : [] };
}
