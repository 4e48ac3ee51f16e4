#!/usr/bin/env node
// After an English item changed and you have made its translations say the same (or checked that
// they already do), set their `from` to the new English's hash: node scripts/i18n-restamp.mjs ID...
// Every language's file is updated; comments and layout are kept. Run after `npm run build`.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { itemHash } from "../dist/core/translation.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
for (const id of process.argv.slice(2)) {
  const platform = id.split(".")[0];
  const english = YAML.parse(readFileSync(path.join(root, "checklists", `${platform}.yaml`), "utf8")).items.find((i) => i.id === id);
  if (!english) throw new Error(`${id}: no such item in checklists/${platform}.yaml`);
  for (const lang of ["fr", "ar"]) {
    const file = path.join(root, "checklists", "i18n", lang, `${platform}.yaml`);
    if (!existsSync(file)) continue;
    const doc = YAML.parseDocument(readFileSync(file, "utf8"));
    const item = doc.get("items").items.find((n) => n.get("id") === id);
    if (!item) continue;
    item.set("from", itemHash(english));
    writeFileSync(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
    console.log(`${path.relative(root, file)}: ${id} from ${itemHash(english)}`);
  }
}
