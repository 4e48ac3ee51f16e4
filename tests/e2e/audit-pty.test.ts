import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHECKLIST_FIXTURES, tempDir } from "../helpers/fixtures.js";
import { KEY, PtySession } from "../helpers/pty.js";

let cleanup = () => {};
afterEach(() => cleanup());

/** The item numbered `n`, shown and waiting at `question`. */
const step = (n: string, question = "What would you like to do\\?") => new RegExp(`step\\s${n.replace(/ /g, "\\s")}[\\s\\S]*${question}`);
const SAFE_NOW = "Is it safe to do this now\\?";

/** What a person would see on the screen now, after the terminal processed all output. */
async function screenText(output: string): Promise<{ alternate: boolean; text: string }> {
  const { Terminal } = await import("@xterm/headless");
  const term = new Terminal({ cols: 100, rows: 40, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(output, resolve));
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
  return { alternate: buffer.type === "alternate", text: lines.join("\n") };
}

describe("interactive audit in a pseudo-terminal", () => {
  it("keeps two answers across Ctrl-C and offers to resume", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const env = { HARDEN_HOME: path.join(t.dir, "home") };
    const args = ["audit", "--checklists", path.join(CHECKLIST_FIXTURES, "good")];

    const first = new PtySession(args, env);
    await first.waitFor(/Language \/ Langue \/ اللغة[\s\S]*Français[\s\S]*العربية/);
    first.type(KEY.enter); // English, the first choice; saved, so the second run does not ask
    await first.waitFor(/How would you like to start\?/);
    expect(first.text).toContain("Before you start");
    first.type(KEY.down + KEY.enter); // Choose the accounts myself
    await first.waitFor(/Which accounts do you want to check\?/);
    // The picker lists the built-in platforms first: move the cursor down until it is on "Demo Social".
    for (let moves = 0; !/❯\s*◯ Demo Social/.test(first.text.split("Which accounts").at(-1)!.split(/\r?\n/).find((l) => l.includes("❯")) ?? ""); moves++) {
      expect(moves).toBeLessThan(40);
      const before = first.output.length;
      first.type(KEY.down);
      while (first.output.length === before) await new Promise((r) => setTimeout(r, 10));
    }
    first.type(KEY.space + KEY.enter);

    await first.waitFor(step("1 of 3", SAFE_NOW));
    expect(first.text).toContain("What the other person may see: Other devices may get a notification.");
    first.type(KEY.enter); // Yes, do it now
    await first.waitFor(step("1 of 3", "Steps:[\\s\\S]*What would you like to do\\?"));
    expect(first.text).toContain("Turn on two-factor authentication");
    first.type(KEY.enter); // Done
    await first.waitFor(step("2 of 3", SAFE_NOW));
    first.type(KEY.enter); // Yes, do it now
    await first.waitFor(step("2 of 3", "Record what you see first\\?"));
    first.type(KEY.down + KEY.enter); // No, go on
    await first.waitFor(step("2 of 3", "Record what you see first[\\s\\S]*What would you like to do\\?"));
    expect(first.text).toContain("Check where you are logged in");
    first.type(KEY.down + KEY.enter); // Later
    await first.waitFor(step("3 of 3"));
    first.type(KEY.ctrlC);
    const stopped = await first.exited;
    expect(stopped.exitCode).toBe(130);
    // The quick exit: the audit ran in the alternate screen, and nothing of it is left on the screen.
    const screen = await screenText(first.output);
    expect(screen.alternate).toBe(false);
    for (const text of ["Before you start", "two-factor", "Demo Social", "Stopped", "harden"]) expect(screen.text).not.toContain(text);

    const saved = JSON.parse(readFileSync(path.join(env.HARDEN_HOME, "progress.json"), "utf8"));
    expect(saved.answers["demo.two-factor"].status).toBe("done");
    expect(saved.answers["demo.sessions"].status).toBe("later");

    const second = new PtySession(args, env);
    expect(JSON.parse(readFileSync(path.join(env.HARDEN_HOME, "settings.json"), "utf8")).lang).toBe("en");
    await second.waitFor(/You have an audit in progress \(Demo Social, 1 step left\)\. Carry on\?/);
    second.type(KEY.enter); // Yes, carry on
    await second.waitFor(step("1 of 1"));
    expect(second.text).toContain("Stop sharing your location");
    expect(second.text).not.toContain("Langue");
    expect(second.text).toContain("step\u00a01\u00a0of\u00a01"); // kept on one line by no-break spaces
    second.type(KEY.down + KEY.down + KEY.enter); // Not for me
    // Back on the normal screen: counts and where to look, never a step's title or an account's name.
    await second.waitFor(/Your progress: 1 of 3 steps done \(1 for later, 1 not applicable\), on 1 account\./);
    expect(second.text.slice(second.text.lastIndexOf("Your progress"))).not.toMatch(/Demo Social|two-factor|Stop sharing/);
    expect((await second.exited).exitCode).toBe(0);
  }, 60000);
});
