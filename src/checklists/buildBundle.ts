/** Build step: validate the built-in checklists and write the bundle `harden` starts from. */
import { formatProblem } from "../datafiles/yamlSchema.js";
import { writeBundle } from "./bundle.js";
import { BUILT_IN_DIR } from "./files.js";
import { validatePaths } from "./loader.js";

const { problems, checklists } = await validatePaths([BUILT_IN_DIR]);
if (problems.length > 0) {
  // A broken built-in checklist must not ship: the build fails and says where.
  process.stderr.write(`${problems.map(formatProblem).join("\n")}\n`);
  process.exitCode = 1;
} else await writeBundle(BUILT_IN_DIR, checklists);
