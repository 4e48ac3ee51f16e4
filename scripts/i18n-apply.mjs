#!/usr/bin/env node
// Puts the items of a translated todo file (from scripts/i18n-todo.mjs) into
// checklists/i18n/LANG/<platform>.yaml: an item already there is replaced in place, a new one is
// placed where the English has it. Comments and the rest of each file are kept.
// Usage: node scripts/i18n-apply.mjs done-fr.yaml
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = process.argv[2];
if (!file) throw new Error("usage: node scripts/i18n-apply.mjs DONE.yaml");
const { lang, todo } = YAML.parse(readFileSync(file, "utf8"));
for (const [platform, items] of Object.entries(todo)) {
  const target = path.join(root, "checklists", "i18n", lang, `${platform}.yaml`);
  const doc = YAML.parseDocument(readFileSync(target, "utf8"));
  const english = YAML.parse(readFileSync(path.join(root, "checklists", `${platform}.yaml`), "utf8"));
  const order = english.items.map((i) => i.id);
  const seq = doc.get("items");
  for (const item of items) {
    delete item.state;
    const node = doc.createNode(item);
    const at = seq.items.findIndex((n) => n.get("id") === item.id);
    if (at >= 0) {
      seq.items[at] = node;
      continue;
    }
    // After the translated item that comes before it in the English.
    const before = order.slice(0, order.indexOf(item.id)).reverse().find((id) => seq.items.some((n) => n.get("id") === id));
    const index = before === undefined ? 0 : seq.items.findIndex((n) => n.get("id") === before) + 1;
    seq.items.splice(index, 0, node);
  }
  writeFileSync(target, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  console.log(`${path.relative(root, target)}: ${items.length} items`);
}
