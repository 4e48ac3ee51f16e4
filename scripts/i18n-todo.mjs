#!/usr/bin/env node
// Lists, as a translation stub, every built-in item that has no current translation in LANG
// (missing, or stale because its English changed): id, from (the current English's hash) and the
// English text, grouped by checklist. Translate it, then put each item in
// checklists/i18n/LANG/<platform>.yaml in place of the old one (or at the end for a new item).
// Run after `npm run build`. Usage: node scripts/i18n-todo.mjs LANG > todo.yaml
import YAML from "yaml";
import { loadChecklists } from "../dist/checklists/catalog.js";
import { itemHash, TRANSLATED_FIELDS } from "../dist/core/translation.js";

const lang = process.argv[2];
if (!lang) throw new Error("usage: node scripts/i18n-todo.mjs LANG");
const english = await loadChecklists();
const translated = await loadChecklists({ lang });
const todo = {};
english.forEach((checklist, c) => {
  checklist.items.forEach((item, i) => {
    const state = translated[c].items[i].inEnglish;
    if (!state) return;
    const out = { id: item.id, from: itemHash(item), state };
    for (const field of TRANSLATED_FIELDS) if (item[field] !== undefined) out[field] = item[field];
    (todo[checklist.platform] ??= []).push(out);
  });
});
process.stdout.write(YAML.stringify({ lang, todo }, { lineWidth: 0 }));
