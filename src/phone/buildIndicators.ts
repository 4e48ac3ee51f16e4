/** Build step: validate data/stalkerware/*.yaml against their schema and write the compact set harden checks against. */
import { writeFileSync } from "node:fs";
import { formatProblem } from "../datafiles/yamlSchema.js";
import { BUNDLE_FILE } from "./indicators.js";
import { buildBundledSet } from "./indicatorsFile.js";

const { set, problems } = await buildBundledSet();
if (!set) {
  // Broken indicators must not ship: the build fails and says where.
  process.stderr.write(`${problems.map(formatProblem).join("\n")}\n`);
  process.exitCode = 1;
} else {
  writeFileSync(BUNDLE_FILE, `${JSON.stringify(set)}\n`);
}
