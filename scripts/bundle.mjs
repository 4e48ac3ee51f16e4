// Bundles the CLI and the strength worker into dist/bundle/: first as ES modules split into chunks
// (each chunk loads when a command first needs it), then each chunk rewritten as CommonJS, which
// Node loads synchronously: a command that reads twenty chunks starts about 20 ms sooner than
// with the same chunks as ES modules (bench/p4-startup.mjs). dist/bundle/package.json says so.
//
// One change to the packages' own code: commander loads node:child_process only to run git-style
// executable subcommands, which harden has none of, so its require of it is answered by a
// stand-in that loads the real module only when first used (about 5 ms off every start-up).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const OUT = "dist/bundle";

const lazyChildProcess = {
  name: "lazy-child-process",
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: "child_process", namespace: "lazy-builtin" } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, () => ({
      loader: "js",
      contents: `let real; const load = () => (real ??= require("node:child_process"));
module.exports = new Proxy({}, { get: (_, name) => load()[name], has: (_, name) => name in load() });`,
    }));
  },
};

/**
 * esbuild's CommonJS output copies a module's exports onto a new object, each behind a getter
 * that reads the original's getter: `import_x.LF` in another chunk's loop then costs a keyed,
 * megamorphic load each time (25 times slower than the original's own getter, which V8 inlines;
 * a third of \`harden serve\`'s CPU). The exports object is the module's own, marked as ES.
 */
const COPYING_HELPER = 'var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);';
const MARKING_HELPER = 'var __toCommonJS = (mod) => __defProp(mod, "__esModule", { value: true });';

function exportDirectly(file) {
  const text = readFileSync(file, "utf8");
  if (!text.includes("__toCommonJS(")) return;
  if (!text.includes(COPYING_HELPER)) throw new Error(`${file}: esbuild's __toCommonJS is not the one scripts/bundle.mjs knows; check it before changing it`);
  writeFileSync(file, text.replace(COPYING_HELPER, MARKING_HELPER));
}

const esm = mkdtempSync(path.join("dist", ".bundle-esm-"));
try {
  const first = await build({
    entryPoints: ["src/cli.ts", "src/strength/worker.ts"],
    metafile: true,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    mainFields: ["module", "main"],
    outdir: esm,
    entryNames: "[name]",
    logLevel: "warning",
    plugins: [lazyChildProcess],
  });
  rmSync(OUT, { recursive: true, force: true });
  await build({
    entryPoints: readdirSync(esm).map((file) => path.join(esm, file)),
    outdir: OUT,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    // import() becomes a require() in a promise; import.meta.url the chunk's own file URL (every
    // chunk is in one folder, so URLs relative to it still point where they did).
    supported: { "dynamic-import": false },
    define: { "import.meta.url": "__harden_meta.url" },
    banner: { js: `"use strict"; const __harden_meta = { get url() { return require("node:url").pathToFileURL(__filename).href; } };` },
  });
  for (const file of readdirSync(OUT)) exportDirectly(path.join(OUT, file));
  writeFileSync(path.join(OUT, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  // What each chunk holds, by source file and package (the rewrite drops esbuild's comments that
  // named them): tests/e2e/startupModules.test.ts checks what a command loads with it.
  const chunks = Object.fromEntries(Object.entries(first.metafile.outputs).map(([file, output]) => [path.basename(file), Object.keys(output.inputs)]));
  writeFileSync(path.join(OUT, "chunks.json"), `${JSON.stringify(chunks, null, 1)}\n`);
} finally {
  rmSync(esm, { recursive: true, force: true });
}
