// P3: strength scoring over a fixed 4,000-password corpus (P3_PASSWORDS=N for another size).
// harden's scorer against zxcvbn-ts with default options (same dictionaries): median time per
// password, and how often the two give the same score. Then the wait after Enter at the password
// prompt, in a pseudo-terminal. zxcvbn-ts itself takes most of the time (tens of ms a password,
// far more for long ones), so the corpus is sized to keep the whole `npm run bench` under 15 minutes.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawn as ptySpawn } from "@lydell/node-pty";
import { loadScorer, zxcvbnOptions } from "../dist/strength/scorer.js";
import { buildCorpus } from "./corpus.mjs";
import { BIN, figure, median, ms } from "./lib.mjs";

function timeEach(passwords, score) {
  const times = [];
  const scores = [];
  for (const p of passwords) {
    const t = performance.now();
    scores.push(score(p));
    times.push(performance.now() - t);
  }
  return { times, scores };
}

/** Time from pressing Enter at the hidden prompt to the verdict on screen. */
async function promptWait() {
  const home = mkdtempSync(path.join(tmpdir(), "harden-p3-"));
  try {
    const waits = [];
    for (let run = 0; run < 5; run++) {
      const pty = ptySpawn(process.execPath, [BIN, "password", "--no-breach"], { cols: 100, rows: 30, env: { ...process.env, HARDEN_HOME: home } });
      let out = "";
      let enterAt = 0;
      const done = new Promise((resolve) => {
        pty.onData((d) => {
          out += d;
          if (enterAt === 0 && out.includes("Password to check")) {
            // Someone typing: about a second before Enter, while the dictionaries load.
            setTimeout(() => {
              pty.write("Tr0ub4dour&3");
              enterAt = performance.now();
              pty.write("\r");
            }, 1000);
          }
          if (enterAt && out.includes("Strength:")) resolve(performance.now() - enterAt);
        });
      });
      waits.push(await done);
      await new Promise((r) => pty.onExit(r));
    }
    return median(waits);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export async function p3() {
  const corpus = buildCorpus(Number(process.env.P3_PASSWORDS ?? 4_000));
  const options = await zxcvbnOptions();
  let t = performance.now();
  const reference = new ZxcvbnFactory(options);
  reference.check("warm-up");
  const referenceLoad = performance.now() - t;
  t = performance.now();
  const scorer = await loadScorer();
  const hardenLoad = performance.now() - t;

  const ref = timeEach(corpus, (p) => reference.check(p).score);
  const ours = timeEach(corpus, (p) => scorer.score(p).score);
  const agree = ours.scores.filter((s, i) => s === ref.scores[i]).length / corpus.length;
  const ourMedian = median(ours.times);
  figure("P3", `harden median ${ourMedian.toFixed(2)} ms per password (goal <= 2 ms); zxcvbn-ts defaults ${median(ref.times).toFixed(2)} ms; ${(median(ref.times) / ourMedian).toFixed(1)}x faster`, ourMedian <= 2);
  figure("P3", `same score as zxcvbn-ts defaults on ${(agree * 100).toFixed(2)}% of ${corpus.length} (goal >= 99%)`, agree >= 0.99);
  figure("P3", `load: harden ${ms(hardenLoad)}, zxcvbn-ts defaults ${ms(referenceLoad)} (behind the prompt)`);
  const wait = await promptWait();
  figure("P3", `wait after Enter at the prompt ${ms(wait)} (goal < 100 ms)`, wait < 100);
}
