// P2's child: the lookups themselves as one new process runs them, once, with nothing warmed up
// (node bench/p2-cold-lookups.mjs DATA HASHES-FILE). Prints the milliseconds the 1,000 lookups
// took, timed around harden's own checkMany; opening the file and loading the code are not timed.
import { readFileSync } from "node:fs";
import { openOfflineDataset } from "../dist/breach/offline.js";

const [file, hashesFile] = process.argv.slice(2);
const hashes = readFileSync(hashesFile, "utf8").trim().split("\n");
const dataset = await openOfflineDataset(file, { mode: "sha1" });
const start = performance.now();
const results = await dataset.checkMany(hashes);
const took = performance.now() - start;
await dataset.close();
if (results.length !== hashes.length) throw new Error("lookups lost");
console.log(JSON.stringify({ ms: took, unknown: results.filter((r) => r.status === "unknown").length }));
