import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHECKLIST_FIXTURES, tempDir } from "../helpers/fixtures.js";
import { KEY, PtySession } from "../helpers/pty.js";

let cleanup = () => {};
afterEach(() => cleanup());

/** The item numbered `n`, shown and waiting for an answer. */
const step = (n: string) => new RegExp(`step ${n}[\\s\\S]*What would you like to do\\?`);

describe("interactive audit in a pseudo-terminal", () => {
  it("keeps two answers across Ctrl-C and offers to resume", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const env = { HARDEN_HOME: path.join(t.dir, "home") };
    const args = ["audit", "--checklists", path.join(CHECKLIST_FIXTURES, "good")];

    const first = new PtySession(args, env);
    await first.waitFor(/Which accounts do you want to check\?/);
    expect(first.text).toContain("Before you start");
    // The picker lists the built-in platforms first: move the cursor down until it is on "Demo Social".
    for (let moves = 0; !/❯\s*◯ Demo Social/.test(first.text.split("Which accounts").at(-1)!.split(/\r?\n/).find((l) => l.includes("❯")) ?? ""); moves++) {
      expect(moves).toBeLessThan(40);
      const before = first.output.length;
      first.type(KEY.down);
      while (first.output.length === before) await new Promise((r) => setTimeout(r, 10));
    }
    first.type(KEY.space + KEY.enter);

    await first.waitFor(step("1 of 3"));
    expect(first.text).toContain("Turn on two-factor authentication");
    expect(first.text).toContain("step 1 of 3");
    first.type(KEY.enter); // Done
    await first.waitFor(step("2 of 3"));
    expect(first.text).toContain("Check where you are logged in");
    first.type(KEY.down + KEY.enter); // Later
    await first.waitFor(step("3 of 3"));
    first.type(KEY.ctrlC);
    const stopped = await first.exited;
    expect(stopped.exitCode).toBe(130);

    const saved = JSON.parse(readFileSync(path.join(env.HARDEN_HOME, "progress.json"), "utf8"));
    expect(saved.answers["demo.two-factor"].status).toBe("done");
    expect(saved.answers["demo.sessions"].status).toBe("later");

    const second = new PtySession(args, env);
    await second.waitFor(/You have an audit in progress \(Demo Social, 1 step left\)\. Carry on\?/);
    second.type(KEY.enter); // Yes, carry on
    await second.waitFor(step("1 of 1"));
    expect(second.text).toContain("Stop sharing your location");
    expect(second.text).toContain("step 1 of 1");
    second.type(KEY.down + KEY.down + KEY.enter); // Not for me
    await second.waitFor(/Demo Social: 1 of 3 done \(1 for later, 1 not applicable\)/);
    expect((await second.exited).exitCode).toBe(0);
  }, 60000);
});
