import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHECKLIST_FIXTURES, tempDir } from "../helpers/fixtures.js";
import { KEY, PtySession } from "../helpers/pty.js";

let cleanup = () => {};
afterEach(() => cleanup());

const ESC = "\u001b";
const CTRL_U = "\u0015";
// A question as it is asked ("? ..."), not as it is answered ("✔ ..."). The evidence question
// matches the old wording too, so these tests fail on the old code for what it did, not its words.
const SAFE_NOW = /\? Is it safe to do this now\?/;
const RECORD = /\? .*Record (?:evidence|what you see) first\?/;
const NOTE = /\? What do you see\?/;
const WHAT_DONE = /\? What would you like to do\?/;

/** Types `keys`, then waits until `pattern` appears in what is shown after them. */
async function answer(session: PtySession, keys: string, pattern: RegExp, timeoutMs = 10000): Promise<string> {
  const from = session.text.length;
  session.type(keys);
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(session.text.slice(from))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output was:\n${session.text.slice(-2500)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return session.text.slice(from);
}

/** The demo audit (two-factor, sessions, location), waiting at step 1's first question. */
async function demoAudit(): Promise<{ session: PtySession; home: string }> {
  const t = tempDir();
  cleanup = t.cleanup;
  const home = path.join(t.dir, "home");
  const session = new PtySession(["audit", "demo", "--checklists", path.join(CHECKLIST_FIXTURES, "good")], { HARDEN_HOME: home });
  // The first screen: the language, by its own names (no --lang, nothing saved yet); English is first.
  await session.waitFor(/\? Language \/ Langue \/ اللغة[\s\S]*navigate/);
  session.type(KEY.enter);
  // The question and its whole choice list (the key help comes last), not the question alone.
  await session.waitFor(new RegExp(`${SAFE_NOW.source}[\\s\\S]*navigate`));
  return { session, home };
}

async function stop(session: PtySession): Promise<void> {
  session.type(KEY.ctrlC);
  expect((await session.exited).exitCode).toBe(130);
}

const savedStatus = (home: string, id: string) => JSON.parse(readFileSync(path.join(home, "progress.json"), "utf8")).answers[id]?.status;

describe("a step of the guided audit", () => {
  it("shows the title, why, where and steps before the safety and evidence questions", async () => {
    const { session } = await demoAudit();
    const first = session.text;
    const asked = first.search(SAFE_NOW);
    for (const shown of ["Turn on two-factor authentication", "A second step at login", "Settings > Security > Two-factor", "Open the two-factor page."]) {
      expect(first.indexOf(shown), shown).toBeGreaterThan(-1);
      expect(first.indexOf(shown), shown).toBeLessThan(asked);
    }
    await answer(session, KEY.enter, WHAT_DONE); // Yes, do it now
    await answer(session, KEY.enter, /step\s2\sof\s3[\s\S]*\? Is it safe to do this now\?/); // Done
    const second = await answer(session, KEY.enter, RECORD); // Yes, do it now
    const all = session.text.slice(session.text.lastIndexOf("step\u00a02\u00a0of\u00a03"));
    expect(all.indexOf("Look at each device.")).toBeGreaterThan(-1);
    expect(all.indexOf("Look at each device.")).toBeLessThan(all.search(RECORD));
    expect(second).toMatch(RECORD);
    await stop(session);
  }, 30000);

  it("an empty note goes back to the question before, and so does Esc, step by step", async () => {
    const { session, home } = await demoAudit();
    await answer(session, KEY.down + KEY.enter, /step\s2\sof\s3[\s\S]*\? Is it safe to do this now\?/); // Plan it for later
    await answer(session, KEY.enter, RECORD); // Yes, do it now
    const note = await answer(session, KEY.enter, NOTE); // Yes: add a note
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(session.text.slice(session.text.search(NOTE))).toContain("Check where you are logged in:"); // the note starts as the step's name
    expect(note).toMatch(NOTE);
    const back = await answer(session, CTRL_U + KEY.enter, RECORD); // an empty note
    expect(back).not.toContain("Type a short note");
    await answer(session, KEY.enter, NOTE); // Yes: add a note
    await answer(session, ESC, RECORD); // out of the note
    const safety = await answer(session, ESC, SAFE_NOW); // back to the safety question of the same step
    expect(safety).not.toContain("step\u00a03\u00a0of\u00a03");
    await answer(session, KEY.down + KEY.enter, /step\s3\sof\s3[\s\S]*\? What would you like to do\?/); // Plan it for later
    await stop(session);
    expect(savedStatus(home, "demo.sessions")).toBe("later");
  }, 30000);

  it("Esc at a step's first question goes back to the step before, whose answer can then be changed", async () => {
    const { session, home } = await demoAudit();
    await answer(session, KEY.enter, WHAT_DONE); // Yes, do it now
    await answer(session, KEY.enter, /step\s2\sof\s3[\s\S]*\? Is it safe to do this now\?/); // Done
    await answer(session, ESC, /step\s1\sof\s3[\s\S]*Turn on two-factor authentication[\s\S]*\? Is it safe to do this now\?/); // back to step 1
    // At the very first step there is nothing before: Esc asks the same question again.
    const again = await answer(session, ESC, SAFE_NOW);
    expect(again).not.toMatch(/step\s2\sof\s3/);
    await answer(session, KEY.down + KEY.enter, /step\s2\sof\s3[\s\S]*\? Is it safe to do this now\?/); // Plan it for later, this time
    await stop(session);
    expect(savedStatus(home, "demo.two-factor")).toBe("later");
  }, 30000);

  it("offers Not for me at the safety question and saves it as not applicable", async () => {
    const { session, home } = await demoAudit();
    expect(session.text.slice(session.text.search(SAFE_NOW))).toContain("Not for me");
    await answer(session, KEY.down + KEY.down + KEY.enter, /step\s2\sof\s3/); // Not for me
    await stop(session);
    expect(savedStatus(home, "demo.two-factor")).toBe("not-applicable");
  }, 30000);

  it("Talk to an advocate first shows the helplines from the support checklist, then keeps the step for later", async () => {
    const { session, home } = await demoAudit();
    const shown = await answer(session, KEY.down + KEY.down + KEY.down + KEY.enter, /step\s2\sof\s3/); // Talk to an advocate first
    for (const text of ["Samaritans", "116 123", "Revenge Porn Helpline", "0345 6000 459", "10:00 to 16:00"]) expect(shown).toContain(text);
    await stop(session);
    expect(savedStatus(home, "demo.two-factor")).toBe("later");
  }, 30000);
});
