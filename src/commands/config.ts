/**
 * harden config: the few settings a person or clinic may want to keep. Profile words (name,
 * birth year, pet) are saved only when the person sets them here, which is their consent.
 */
import { UsageError } from "../errors.js";
import { isLanguage, LANGUAGES } from "../i18n/index.js";
import { checkRangeUrl, parseDecoys } from "./passwordOptions.js";
import type { CommandResult } from "../output/results.js";
import type { Context } from "./context.js";

interface SettingSpec {
  key: string;
  describe: string;
  parse(value: string): unknown;
}

const SETTINGS: Record<string, SettingSpec> = {
  "range-url": {
    key: "rangeUrl",
    describe: "range API address used by password and scan",
    parse(value) {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new UsageError(`range-url must be a full address such as https://api.pwnedpasswords.com/range/ (got "${value}").`);
      }
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError("range-url must start with https:// or http://.");
      return checkRangeUrl(value, () => {});
    },
  },
  decoys: {
    key: "decoys",
    describe: "random prefixes asked for with each real one, to hide how many passwords you check (0-20)",
    parse: (value) => parseDecoys(value),
  },
  offline: {
    key: "offline",
    describe: "downloaded breach data to use instead of the network",
    parse: (value) => value,
  },
  lang: {
    key: "lang",
    describe: "the language harden speaks: en, fr or ar (else from LC_ALL, LC_MESSAGES or LANG)",
    parse(value) {
      if (!isLanguage(value)) throw new UsageError(`lang must be one of ${LANGUAGES.join(", ")} (got "${value}").`);
      return value;
    },
  },
  "profile-words": {
    key: "profileWords",
    describe: "comma-separated words that make a password guessable for you (name, birth year, pet)",
    parse: (value) => [...new Set(value.split(",").map((w) => w.trim()).filter(Boolean))],
  },
};

export const SETTING_NAMES = Object.keys(SETTINGS);

function spec(name: string): SettingSpec {
  const found = SETTINGS[name];
  if (!found) throw new UsageError(`Unknown setting "${name}". Settings: ${SETTING_NAMES.join(", ")}.`);
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
  if (!ctx.save) throw new UsageError("Settings cannot be changed with --no-save.");
  if (!name) throw new UsageError(`Name a setting: ${SETTING_NAMES.join(", ")}.`);
  const setting = spec(name);
  if (action === "set" && value === undefined) throw new UsageError(`Give a value: harden config set ${name} VALUE.`);
  const parsed = action === "set" ? setting.parse(value!) : undefined;
  const settings = ctx.state().updateSettings((latest) => {
    if (action === "set") latest[setting.key] = parsed;
    else delete latest[setting.key];
    return latest;
  });
  return { kind: "config", values: { [name]: settings[setting.key] ?? null }, changed: true };
}
