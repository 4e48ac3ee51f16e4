// V8 code cache for the bundle: `npm run build` runs a few commands once (scripts/code-cache.cjs)
// and keeps the bytecode V8 compiled for each file of dist/bundle/ beside it in .code-cache/.
// A later start reads that bytecode instead of parsing and compiling the same code again: about
// 5 ms off `harden --help` (bench/p4-startup.mjs). Nothing is written at run time.
//
// A cache is only a shortcut, so one that cannot be trusted is not used: V8 refuses a cache made
// by another V8 version or flags, or for source of another length; a damaged one fails its
// checksum (which V8 checks only when asked: a damaged cache can otherwise crash the process);
// and a cache older than its file (a bundle edited after the build) is not read at all.
// (A cached function keeps the file name it was built under: moved elsewhere, harden runs the
// same, and a stack trace names the folder it was built in.)
const Module = require("node:module");
const path = require("node:path");
const fs = require("node:fs");
const vm = require("node:vm");
const v8 = require("node:v8");

const BUNDLE = path.join(__dirname, "..", "dist", "bundle");
const CACHE = path.join(BUNDLE, ".code-cache");
const main = require.main;

/**
 * Compiles the bundle's files with their cached bytecode when there is one. With `record`,
 * keeps every script compiled and returns a function that writes each one's cache (with all
 * the functions compiled by then) into .code-cache/.
 */
exports.install = function install({ record = false } = {}) {
  v8.setFlagsFromString("--verify-snapshot-checksum");
  const scripts = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileCached(content, filename) {
    if (path.dirname(filename) !== BUNDLE) return compile.call(this, content, filename);
    const cacheFile = path.join(CACHE, `${path.basename(filename)}.cache`);
    let cachedData;
    try {
      if (fs.statSync(cacheFile).mtimeMs >= fs.statSync(filename).mtimeMs) cachedData = fs.readFileSync(cacheFile);
    } catch {
      // Not built yet, or not for this file: compile as usual.
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    if (record) scripts.push({ script, cacheFile });
    const wrapper = script.runInThisContext({ displayErrors: true });
    const module = this;
    const require = (id) => module.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
    require.main = main;
    require.cache = Module._cache;
    return wrapper.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
  };
  return () => {
    fs.mkdirSync(CACHE, { recursive: true });
    // Each by a temporary file and a rename: a start-up never reads half a cache.
    for (const { script, cacheFile } of scripts) {
      fs.writeFileSync(`${cacheFile}.tmp`, script.createCachedData());
      fs.renameSync(`${cacheFile}.tmp`, cacheFile);
    }
  };
};
