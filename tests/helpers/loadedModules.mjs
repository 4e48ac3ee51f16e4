// Preloaded with `node --import` by tests that check what a command loads: each ES module file
// the process loads is appended to the file named by HARDEN_TEST_LOADED (the hooks run on their own thread).
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(${JSON.stringify(process.env.HARDEN_TEST_LOADED)}, url + "\\n");
  return next(url, context);
}`)}`,
);
