#!/usr/bin/env node
// CommonJS, like the bundle it starts (see scripts/bundle.mjs and bin/package.json): no ES module loader at start-up.
require("./codeCache.js").install();
require("../dist/bundle/cli.js");
