// Lists checklist items whose why+steps read above grade 8 or whose help reads above grade 10.
// Usage: npm run build && node scripts/grades.mjs [checklists/x.yaml ...]
import { readFileSync, readdirSync } from "node:fs";
import { parse } from "yaml";
import { MAX_GRADE, readingGrade, whyAndStepsText } from "../dist/core/readingGrade.js";

const files = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync("checklists").filter((f) => f.endsWith(".yaml")).map((f) => `checklists/${f}`);
let over = 0;
for (const file of files) {
  for (const item of parse(readFileSync(file, "utf8")).items) {
    const g = readingGrade(whyAndStepsText(item));
    const h = item.help ? readingGrade(item.help) : 0;
    if (g > MAX_GRADE.whyAndSteps || h > MAX_GRADE.help) {
      over++;
      console.log(`${item.id}: why+steps ${g.toFixed(1)}${h ? `, help ${h.toFixed(1)}` : ""}`);
    }
  }
}
console.log(`${over} item(s) above grade ${MAX_GRADE.whyAndSteps} (why+steps) or ${MAX_GRADE.help} (help)`);
