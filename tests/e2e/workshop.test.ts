import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { codeAt } from "../../src/totp/codes.js";
import { parseTotpInput } from "../../src/totp/params.js";
import { FIXTURES, tempDir } from "../helpers/fixtures.js";
import { KEY, PtySession } from "../helpers/pty.js";
import { runHarden } from "../helpers/run.js";

let cleanup = () => {};
afterEach(() => cleanup());
const PLAN = path.join(FIXTURES, "workshop", "plan.yaml");

describe("harden workshop", () => {
  it("--handout prints the session's checklists and drill sheets to a private file", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const out = path.join(t.dir, "session.html");
    const r = await runHarden(["workshop", PLAN, "--handout", "--format", "html", "--output", out], { env: { HARDEN_HOME: path.join(t.dir, "home") } });
    expect(r.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const html = await readFile(out, "utf8");
    for (const text of ["Staying safe on social media", "Demo Social", "WhatsApp", "Drill: how strong is a password?", "Drill: add an authenticator app", "Backup codes and a lost phone", 'type="checkbox"']) {
      expect(html).toContain(text);
    }
  });

  it("a broken plan is reported with file, line and field, exit 2", async () => {
    const r = await runHarden(["workshop", path.join(FIXTURES, "workshop", "broken-plan.yaml"), "--handout"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("broken-plan.yaml:5: drills[1]: must be one of: password-strength, totp-practice");
  });

  it("runs the plan for a participant: audit, password drill, authenticator drill", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const session = new PtySession(["workshop", path.join(FIXTURES, "workshop", "drills.yaml")], { HARDEN_HOME: path.join(t.dir, "home") });
    await session.waitFor(/Practice only/);
    // Step 1 and 2 can be noticed (asked first), step 2 offers to record evidence, then each is done.
    const at = (n: number, question: string) => session.waitFor(new RegExp(`step\\s${n}\\sof\\s3[\\s\\S]*${question}`));
    await at(1, "Is it safe to do this now\\?");
    session.type(KEY.enter);
    await at(1, "Steps:[\\s\\S]*What would you like to do\\?");
    session.type(KEY.enter);
    await at(2, "Is it safe to do this now\\?");
    session.type(KEY.enter);
    await at(2, "Record what you see first\\?");
    session.type(KEY.down + KEY.enter);
    await at(2, "Steps:[\\s\\S]*What would you like to do\\?");
    session.type(KEY.enter);
    await at(3, "What would you like to do\\?");
    session.type(KEY.enter);
    await session.waitFor(/Practice password/);
    session.type(`password${KEY.enter}`);
    await session.waitFor(/Score: 0 of 4[\s\S]*Also check whether it appears/);
    session.type(KEY.enter); // no breach lookup: the default is no
    await session.waitFor(/Try another password\?/);
    session.type(`n${KEY.enter}`);
    await session.waitFor(/Type the 6-digit code your app shows now/);
    const key = /type this key:\s*\r?\n\s*((?:[A-Z2-7]{4} ?)+)/.exec(session.text)?.[1]?.replace(/\s/g, "");
    session.type(codeAt(parseTotpInput(key!), Math.floor(Date.now() / 1000)) + KEY.enter);
    await session.waitFor(/totp-practice: the code matched/);
    expect(session.text).toContain("password-strength: 1 tried, scores 0");
    expect(session.text).not.toMatch(/could not check|breach data/i);
    expect((await session.exited).exitCode).toBe(0);
  }, 40000);
});
