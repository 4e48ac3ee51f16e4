/**
 * harden config: the few settings a person or clinic may want to keep. Profile words (name,
 * birth year, pet) are saved only when the person sets them here, which is their consent.
 */
import { UsageError } from "../errors.js";
import { isLanguage, LANGUAGES, t } from "../i18n/index.js";
import { checkRangeUrl, parseDecoys } from "./passwordOptions.js";
import type { CommandResult } from "../output/results.js";
import type { Context } from "./context.js";

interface SettingSpec {
  key: string;
  parse(value: string): unknown;
}

const SETTINGS: Record<string, SettingSpec> = {
  "range-url": {
    key: "rangeUrl",
    parse(value) {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new UsageError(t("errors:config.rangeUrlAddress", { value }));
      }
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(t("errors:config.rangeUrlScheme"));
      return checkRangeUrl(value, () => {});
    },
  },
  decoys: {
    key: "decoys",
    parse: (value) => parseDecoys(value),
  },
  offline: {
    key: "offline",
    parse: (value) => value,
  },
  lang: {
    key: "lang",
    parse(value) {
      if (!isLanguage(value)) throw new UsageError(t("errors:config.lang", { languages: LANGUAGES.join(", "), value }));
      return value;
    },
  },
  "profile-words": {
    key: "profileWords",
    parse: (value) => [...new Set(value.split(",").map((w) => w.trim()).filter(Boolean))],
  },
};

export const SETTING_NAMES = Object.keys(SETTINGS);

function spec(name: string): SettingSpec {
  const found = SETTINGS[name];
  if (!found) throw new UsageError(t("errors:config.unknownSetting", { name, settings: SETTING_NAMES.join(", ") }));
  return found;
}

function currentValues(ctx: Context): Record<string, unknown> {
  const saved = ctx.state().loadSettings();
  return Object.fromEntries(SETTING_NAMES.map((name) => [name, saved[spec(name).key] ?? null]));
}

export async function configCommand(ctx: Context, action: "get" | "set" | "unset", name?: string, value?: string): Promise<CommandResult> {
  if (action === "get") {
    const values = currentValues(ctx);
    if (name) spec(name);
    return { kind: "config", values: name ? { [name]: values[name] ?? null } : values, changed: false };
  }
  if (!ctx.save) throw new UsageError(t("errors:config.noSave"));
  if (!name) throw new UsageError(t("errors:config.nameSetting", { settings: SETTING_NAMES.join(", ") }));
  const setting = spec(name);
  if (action === "set" && value === undefined) throw new UsageError(t("errors:config.giveValue", { name }));
  const parsed = action === "set" ? setting.parse(value!) : undefined;
  const settings = ctx.state().updateSettings((latest) => {
    if (action === "set") latest[setting.key] = parsed;
    else delete latest[setting.key];
    return latest;
  });
  return { kind: "config", values: { [name]: settings[setting.key] ?? null }, changed: true };
}
