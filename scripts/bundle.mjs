// Bundles the CLI and the strength worker into dist/bundle/ (ES modules, split into chunks that
// load when a command first needs them). One change to the packages' own code: commander loads
// node:child_process only to run git-style executable subcommands, which harden has none of, so
// its require of it is answered by a stand-in that loads the real module only when first used
// (about 5 ms off every start-up).
import { build } from "esbuild";

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

await build({
  entryPoints: ["src/cli.ts", "src/strength/worker.ts"],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  mainFields: ["module", "main"],
  outdir: "dist/bundle",
  entryNames: "[name]",
  logLevel: "warning",
  // Packages written as CommonJS call require(): give the bundle one.
  banner: { js: "import { createRequire as __harden_require } from 'node:module'; const require = __harden_require(import.meta.url);" },
  plugins: [lazyChildProcess],
});
