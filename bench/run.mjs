// npm run bench [p1 ... p8]: each benchmark prints one line per figure with its goal.
const all = { p1: "./p1-network.mjs", p2: "./p2-offline.mjs", p3: "./p3-strength.mjs", p4: "./p4-startup.mjs", p5: "./p5-verify.mjs", p6: "./p6-download.mjs", p7: "./p7-serve.mjs", p8: "./p8-decoys.mjs" };
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(all);
for (const name of chosen) {
  const started = performance.now();
  const mod = await import(all[name]);
  await mod[name]();
  console.log(`${name.toUpperCase()}  (took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
