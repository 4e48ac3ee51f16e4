// P2's child: the lookups themselves as one new process runs them, once, with nothing warmed up
// (node bench/p2-cold-lookups.mjs DATA HASHES-FILE). The reader is harden's own, from the bundle
// chunk `harden password --offline` loads, with the same code cache (bin/codeCache.js). Prints the
// milliseconds the 1,000 lookups took; loading the code and opening the file are not timed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
require("../bin/codeCache.js").install();
const chunks = JSON.parse(readFileSync(new URL("../dist/bundle/chunks.json", import.meta.url), "utf8"));
const chunk = Object.keys(chunks).find((name) => chunks[name].includes("src/breach/offline.ts"));
const { openOfflineDataset } = require(`../dist/bundle/${chunk}`);

const [file, hashesFile] = process.argv.slice(2);
const hashes = readFileSync(hashesFile, "utf8").trim().split("\n");
const dataset = await openOfflineDataset(file, { mode: "sha1" });
const start = performance.now();
const results = await dataset.checkMany(hashes);
const took = performance.now() - start;
await dataset.close();
if (results.length !== hashes.length) throw new Error("lookups lost");
console.log(JSON.stringify({ ms: took, unknown: results.filter((r) => r.status === "unknown").length }));
