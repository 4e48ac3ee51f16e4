// Runs a few commands once each so V8's code cache for the bundle (bin/codeCache.js) holds what
// they compile: the quick commands and the offline password check. Each run starts from the
// cache the runs before it wrote and adds to it. Run by `npm run build`, after the bundle.
//
// `node scripts/code-cache.cjs --record ARGS...` is one run: harden ARGS, recording.
const { spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const { mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");

const BIN = path.join(__dirname, "..", "bin", "harden.js");

if (process.argv[2] === "--record") {
  const write = require("../bin/codeCache.js").install({ record: true });
  process.on("exit", write);
  process.argv = [process.argv[0], BIN, ...process.argv.slice(3)];
  require("../dist/bundle/cli.js");
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "harden-code-cache-"));
  try {
    // A small sorted HASH:COUNT file holding the first password's hash among random others.
    const sha1 = (text) => createHash("sha1").update(text).digest("hex").toUpperCase();
    const hashes = [sha1("password"), ...Array.from({ length: 300 }, (_, i) => sha1(`filler ${i}`))].sort();
    const data = path.join(dir, "pwned.txt");
    writeFileSync(data, hashes.map((hash, i) => `${hash}:${i + 1}\r\n`).join(""));
    const runs = [
      [["--version"]],
      [["--help"]],
      [["list"]],
      [["password", "--offline", data, "--no-strength", "--stdin"], "password\ncorrect horse battery staple\n"],
      [["password", "--offline", data, "--stdin"], "password\n"],
    ];
    for (const [args, input = ""] of runs) {
      const run = spawnSync(process.execPath, [__filename, "--record", ...args], {
        input,
        env: { ...process.env, HARDEN_HOME: path.join(dir, "home"), NO_COLOR: "1" },
        stdio: ["pipe", "ignore", "pipe"],
      });
      if (run.error) throw run.error;
      if (run.status === null || run.status > 3) throw new Error(`code cache: harden ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
