// V8 code cache for the bundle: `npm run build` runs a few commands once (scripts/code-cache.cjs)
// and keeps the bytecode V8 compiled for each file of dist/bundle/ beside it in .code-cache/.
// A later start reads that bytecode instead of parsing and compiling the same code again: about
// 13 ms off `harden password --offline` (bench/p2-offline.mjs). Nothing is written at run time.
//
// V8 refuses a cache made by another V8 version or flags, or for source of another length, and
// then compiles as usual; the build writes the bundle and its caches together, so they match.
// (A cached function keeps the file name it was built under: moved elsewhere, harden runs the
// same, and a stack trace names the folder it was built in.)
const Module = require("node:module");
const path = require("node:path");
const fs = require("node:fs");
const vm = require("node:vm");

const BUNDLE = path.join(__dirname, "..", "dist", "bundle");
const CACHE = path.join(BUNDLE, ".code-cache");
const main = require.main;

/**
 * Compiles the bundle's files with their cached bytecode when there is one. With `record`,
 * keeps every script compiled and returns a function that writes each one's cache (with all
 * the functions compiled by then) into .code-cache/.
 */
exports.install = function install({ record = false } = {}) {
  const scripts = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileCached(content, filename) {
    if (path.dirname(filename) !== BUNDLE) return compile.call(this, content, filename);
    const cacheFile = path.join(CACHE, `${path.basename(filename)}.cache`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // Not built yet, or not for this file: compile as usual.
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (record) scripts.push({ script, cacheFile });
    const wrapper = script.runInThisContext({ displayErrors: true });
    const module = this;
    const require = (id) => module.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
    require.main = main;
    require.cache = Module._cache;
    return wrapper.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
  };
  return () => {
    fs.mkdirSync(CACHE, { recursive: true });
    for (const { script, cacheFile } of scripts) fs.writeFileSync(cacheFile, script.createCachedData());
  };
};
