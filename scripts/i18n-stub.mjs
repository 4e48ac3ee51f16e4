#!/usr/bin/env node
// Writes a translation stub for every built-in checklist that has none yet in LANG:
// checklists/i18n/LANG/<platform>.yaml, holding the English text to be replaced and, for each
// item, `from:` (the hash of the English it is made from). Run after `npm run build`.
// Usage: node scripts/i18n-stub.mjs fr [platform ...]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { checklistHash, itemHash, TRANSLATED_FIELDS } from "../dist/core/translation.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const [lang, ...only] = process.argv.slice(2);
if (!lang) throw new Error("usage: node scripts/i18n-stub.mjs LANG [platform ...]");
const outDir = path.join(root, "checklists", "i18n", lang);
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(path.join(root, "checklists")).filter((name) => name.endsWith(".yaml")).sort()) {
  const english = YAML.parse(readFileSync(path.join(root, "checklists", file), "utf8"));
  if (only.length > 0 && !only.includes(english.platform)) continue;
  const target = path.join(outDir, `${english.platform}.yaml`);
  if (existsSync(target)) continue;
  const stub = {
    lang,
    platform: english.platform,
    from: checklistHash(english),
    name: english.name,
    ...(english.description ? { description: english.description } : {}),
    items: english.items.map((item) => {
      const out = { id: item.id, from: itemHash(item) };
      for (const field of TRANSLATED_FIELDS) if (item[field] !== undefined) out[field] = item[field];
      return out;
    }),
  };
  writeFileSync(target, `# ${lang}: translation of ${file}. Replace the English text; keep id and from.\n${YAML.stringify(stub, { lineWidth: 0 })}`);
  console.log(`wrote ${path.relative(root, target)}`);
}

// The intake questions and the plan's reasons (checklists/rules/intake.yaml).
const intakeTarget = path.join(outDir, "rules", "intake.yaml");
if (only.length === 0 && !existsSync(intakeTarget)) {
  const { textHash } = await import("../dist/core/translation.js");
  const intake = YAML.parse(readFileSync(path.join(root, "checklists", "rules", "intake.yaml"), "utf8"));
  const stub = {
    lang,
    questions: intake.questions.map((q) => ({ id: q.id, from: textHash([q.text, q.help ?? null]), text: q.text, ...(q.help ? { help: q.help } : {}) })),
    rules: intake.rules.map((r) => ({ id: r.id, from: textHash([r.because, r.reason ?? null]), because: r.because, ...(r.reason ? { reason: r.reason } : {}) })),
  };
  mkdirSync(path.dirname(intakeTarget), { recursive: true });
  writeFileSync(intakeTarget, `# ${lang}: translation of rules/intake.yaml. Replace the English text; keep id and from; keep {why} and {title} as they are.\n${YAML.stringify(stub, { lineWidth: 0 })}`);
  console.log(`wrote ${path.relative(root, intakeTarget)}`);
}
