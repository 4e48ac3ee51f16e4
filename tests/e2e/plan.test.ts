/** Issue 12, the plan: two parts that keep to her accounts, and a plan in progress that is never replaced silently. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempHomes } from "../helpers/fixtures.js";
import { KEY, PtySession } from "../helpers/pty.js";
import { runHarden } from "../helpers/run.js";

const home = tempHomes();


/** The founding story: Facebook hacked, fake nudes, her number given out, someone acting as her. */
const STORY = {
  intake: { "physical-access": "unsure", "knows-passwords": "yes", "shared-accounts": "no", "taken-over": "yes", images: "yes", "details-posted": "yes", impersonated: "yes" },
  platforms: ["facebook", "google", "phone"],
};
type Step = { id: string; platform: string; title: string; why: string };
const progress = (env: { HARDEN_HOME: string }) => JSON.parse(readFileSync(path.join(env.HARDEN_HOME, "progress.json"), "utf8"));

describe("harden plan, scripted", () => {
  it("gives the founding story a plan in two parts, kept to her accounts, that harden audit then follows and a second plan does not replace", async () => {
    const { dir, env } = home();
    const story = path.join(dir, "story.json");
    writeFileSync(story, JSON.stringify(STORY));
    const r = await runHarden(["plan", "--answers", story, "--json"], { env });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { today: Step[]; then: Step[]; items: Step[]; otherAccounts: Array<{ platform: string }> };
    expect(plan.today.length).toBeGreaterThan(0);
    expect(plan.today.length).toBeLessThanOrEqual(15);
    expect([...plan.today, ...plan.then].map((s) => s.id)).toEqual(plan.items.map((s) => s.id));
    expect(plan.today[0]!.id).toBe("phone.plan-first");
    expect(plan.today.slice(0, 3).map((s) => s.id)).toContain("images-or-impersonation.save-evidence");
    expect(plan.items.map((s) => s.title).filter((t) => /^Get back into/.test(t))).toEqual(["Get back into a Google account (Gmail)", "Get back into Facebook"]);
    expect(plan.otherAccounts.map((a) => a.platform)).toEqual(expect.arrayContaining(["microsoft", "apple", "instagram", "x", "tiktok", "snapchat"]));
    for (let i = 1; i < plan.items.length; i++) expect(plan.items[i]!.why).not.toBe(plan.items[i - 1]!.why);
    // harden audit follows this plan: its session is the plan, in the plan's order.
    expect(progress(env).session.order).toEqual(plan.items.map((s) => s.id));

    // Another scripted plan keeps the one in progress and says so.
    const other = path.join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ intake: {}, platforms: ["x"] }));
    const second = await runHarden(["plan", "--answers", other, "--json"], { env });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).kept).toMatch(/^Your plan in progress \(.*\d+ steps left\) is kept/);
    expect(progress(env).session.order).toEqual(plan.items.map((s) => s.id));

    // So does a scripted audit of one platform.
    const answers = path.join(dir, "answers.yaml");
    writeFileSync(answers, "google.two-step: done\n");
    const audit = await runHarden(["audit", "google", "--answers", answers, "--json"], { env });
    expect(audit.code).toBe(0);
    expect(JSON.parse(audit.stdout).kept).toMatch(/plan in progress .* is kept/);
    expect(progress(env).session.order).toEqual(plan.items.map((s) => s.id));

    const text = await runHarden(["plan", "--answers", story], { env: { ...env, NO_COLOR: "1" } });
    expect(text.stdout).toMatch(/^Today: \d+ steps that stop harm now\n  1\. Before you change anything, think about your safety/);
    expect(text.stdout).toMatch(/\nThen, account by account\n/);
    expect(text.stdout).toMatch(/\n\s*Other accounts you may have: [^.]*Microsoft/);
    expect(text.stderr).toMatch(/is kept/);
  });
});

describe("a plan in progress at a terminal", () => {
  it("harden audit after harden plan follows the plan without the questions; harden audit PLATFORM asks before replacing it", async () => {
    const { dir, env } = home();
    const story = path.join(dir, "story.json");
    writeFileSync(story, JSON.stringify(STORY));
    expect((await runHarden(["plan", "--answers", story], { env })).code).toBe(0);
    const order = progress(env).session.order as string[];
    // The plan's first step is "Before you change anything, think about your safety", on the phone.
    expect(order[0]).toBe("phone.plan-first");

    const audit = new PtySession(["audit"], env);
    await audit.waitFor(/Language \/ Langue \/ اللغة[\s\S]*navigate/); // the first screen (saved: asked once)
    audit.type(KEY.enter);
    await audit.waitFor(/You have an audit in progress[\s\S]*Yes, carry on where I stopped/);
    audit.type(KEY.enter);
    await audit.waitFor(new RegExp(`Your phone \\(Android and iPhone\\) · Device · step\\s1\\sof\\s${order.length}\\b`));
    expect(audit.text).not.toMatch(/How would you like to start\?|1\/7:/);
    audit.type(KEY.ctrlC);
    expect((await audit.exited).exitCode).toBe(130);

    const google = new PtySession(["audit", "google"], env);
    await google.waitFor(/You have a plan in progress[\s\S]*Keep my plan and carry on with it\s+Start anew with Google/);
    google.type(KEY.enter);
    await google.waitFor(new RegExp(`Your phone \\(Android and iPhone\\) · Device · step\\s1\\sof\\s${order.length}\\b`));
    google.type(KEY.ctrlC);
    expect((await google.exited).exitCode).toBe(130);
    expect(progress(env).session.order).toEqual(order);

    const anew = new PtySession(["audit", "google"], env);
    await anew.waitFor(/Keep my plan and carry on with it/);
    anew.type(KEY.down + KEY.enter);
    await anew.waitFor(/Google · .* · step\s1\sof/);
    anew.type(KEY.ctrlC);
    expect((await anew.exited).exitCode).toBe(130);
    expect(progress(env).session.platforms).toEqual(["google"]);
  }, 30000);
});
