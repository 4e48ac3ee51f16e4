/**
 * Every interactive screen, in a real pseudo-terminal read back by a headless terminal (xterm.js)
 * at 40 to 120 columns: no word is broken at the screen's edge, what harden leaves on the normal
 * screen names no step, and the practice QR code scans on a dark theme.
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { codeAt } from "../../src/totp/codes.js";
import { parseTotpInput } from "../../src/totp/params.js";
import { FIXTURES, tempDir } from "../helpers/fixtures.js";
import { serveEntries, startRangeServer } from "../fixtures/breach/rangeServer.js";
import { knownEntries } from "../fixtures/breach/datasets.js";
import { KEY, PtySession } from "../helpers/pty.js";
import { runHarden } from "../helpers/run.js";
import { decodeQrOnScreen, loneWords, normalLines, screenLines, splitWords, terminal } from "../helpers/screen.js";

const WIDTHS = [40, 60, 80, 100, 120];
const ROWS = 400; // tall enough that nothing scrolls away before it is read
const dirs: Array<() => void> = [];
afterAll(() => dirs.forEach((cleanup) => cleanup()));

function home(): NodeJS.ProcessEnv {
  const t = tempDir();
  dirs.push(t.cleanup);
  return { HARDEN_HOME: path.join(t.dir, "home") };
}

/**
 * Waits until harden has drawn a prompt and gone quiet; returns that prompt's question. With
 * `below`, only a prompt on a row below that one counts: the answer just typed redraws the old
 * prompt, and on a busy machine the screen can go quiet before the next one is drawn.
 */
async function nextPrompt(session: PtySession, cols: number, seen: number, below = -1): Promise<{ question: string; at: number; row: number }> {
  const deadline = Date.now() + 15000;
  for (;;) {
    const before = session.output.length;
    await new Promise((r) => setTimeout(r, 80));
    if (session.output.length === before && session.output.length > seen) {
      const lines = screenLines(await terminal(session.output, cols, ROWS)).map((l) => l.text);
      const start = lines.findLastIndex((l) => /^\? /.test(l));
      if (start > below) return { question: lines.slice(start).join(" ").replace(/\s+/g, " "), at: session.output.length, row: start };
    }
    if (Date.now() > deadline) throw new Error(`no prompt came; the screen was:\n${session.text.slice(-2000)}`);
  }
}

async function expectNoSplitWords(session: PtySession, cols: number, where: string): Promise<void> {
  const term = await terminal(session.output, cols, ROWS);
  expect({ cols, where, split: splitWords(screenLines(term), cols), alone: loneWords(screenLines(term)) }).toEqual({ cols, where, split: [], alone: [] });
}

/** Walks the audit a few steps (setting each aside for later), then stops for now. */
async function walkAudit(cols: number, extra: string[] = []): Promise<{ session: PtySession; exitCode: number }> {
  const session = new PtySession(["audit", "facebook", ...extra], home(), { cols, rows: ROWS });
  let seen = 0;
  let laters = 0;
  for (let answered = 0; answered < 20; answered++) {
    const { question, at } = await nextPrompt(session, cols, seen);
    seen = at;
    await expectNoSplitWords(session, cols, question);
    if (/What would you like to do\?/.test(question)) {
      if (laters++ < 3) session.type(KEY.down + KEY.enter); // Later
      else {
        session.type(KEY.down.repeat(4) + KEY.enter); // Stop for now
        break;
      }
    } else if (/Record (evidence|what you see) first\?/.test(question)) session.type(KEY.down + KEY.enter); // No, go on
    else if (/Is it safe to do this now\?/.test(question)) session.type(KEY.enter); // Do it now
    else session.type(KEY.enter);
  }
  return { session, exitCode: (await session.exited).exitCode };
}

/** Titles of the steps on these checklists, as harden itself lists them. */
async function stepTitles(...platforms: string[]): Promise<string[]> {
  const r = await runHarden(["checklist", "show", ...platforms, "--json"], { env: home() });
  const lists = JSON.parse(r.stdout) as Array<{ items: Array<{ title: string }> }> | { items: Array<{ title: string }> };
  return (Array.isArray(lists) ? lists : [lists]).flatMap((c) => c.items.map((i) => i.title));
}

const flat = (lines: string[]) => lines.join(" ").replace(/\s+/g, " ");

describe("the screen at 40 to 120 columns", () => {
  it("the audit's steps break no word, and stopping leaves only counts on the normal screen", async () => {
    const titles = await stepTitles("facebook");
    await Promise.all(
      WIDTHS.map(async (cols) => {
        const { session, exitCode } = await walkAudit(cols);
        expect(exitCode).toBe(0);
        const term = await terminal(session.output, cols, 40);
        expect(term.buffer.active.type).toBe("normal");
        const left = flat(normalLines(term));
        for (const title of titles) expect(left).not.toContain(title);
        expect(left).toContain("harden report");
        expect(left).toMatch(/0 of \d+ steps done \(3 for later\)/);
        expect(splitWords(screenLines(term), cols)).toEqual([]);
      }),
    );
  }, 60000);

  it("--keep-screen keeps the whole audit, titles included, on the normal screen", async () => {
    const { session, exitCode } = await walkAudit(80, ["--keep-screen"]);
    expect(exitCode).toBe(0);
    const left = flat(normalLines(await terminal(session.output, 80, ROWS)));
    expect(left).toContain("Still to do, most important first");
  }, 30000);

  it("harden plan asks its questions without breaking a word, and leaves no step's title behind", async () => {
    const titles = await stepTitles("apple", "facebook");
    await Promise.all(
      WIDTHS.map(async (cols) => {
        const session = new PtySession(["plan"], home(), { cols, rows: ROWS });
        let seen = 0;
        const done = session.exited.then(() => true);
        while (!(await Promise.race([done, new Promise((r) => setTimeout(() => r(false), 50))]))) {
          const next = await Promise.race([nextPrompt(session, cols, seen), done.then(() => undefined)]);
          if (!next) break;
          seen = next.at;
          await expectNoSplitWords(session, cols, next.question);
          session.type(/Which accounts/.test(next.question) ? KEY.space + KEY.down.repeat(4) + KEY.space + KEY.enter : KEY.enter);
        }
        expect((await session.exited).exitCode).toBe(0);
        const term = await terminal(session.output, cols, 40);
        const left = flat(normalLines(term));
        for (const title of titles) expect(left).not.toContain(title);
        expect(left).toMatch(/Your plan is ready: \d+ steps/);
        expect(left).toContain("harden report");
      }),
    );
  }, 60000);

  it("harden workshop PLAN: the participant's audit and drills break no word", async () => {
    await Promise.all(
      WIDTHS.map(async (cols) => {
        const session = new PtySession(["workshop", path.join(FIXTURES, "workshop", "drills.yaml")], home(), { cols, rows: ROWS });
        let seen = 0;
        let row = -1;
        const done = session.exited.then(() => true);
        const asked: string[] = [];
        for (let answered = 0; answered < 30; answered++) {
          const next = await Promise.race([nextPrompt(session, cols, seen, row), done.then(() => undefined)]);
          if (!next) break;
          seen = next.at;
          row = next.row;
          asked.push(next.question);
          await expectNoSplitWords(session, cols, next.question);
          const q = next.question;
          if (/Record what you see first\?/.test(q)) session.type(KEY.down + KEY.enter); // No, go on
          else if (/Practice password/.test(q)) session.type(`password${KEY.enter}`);
          else if (/Try another password\?/.test(q)) session.type(`n${KEY.enter}`);
          else if (/6-digit code/.test(q)) {
            // The key as shown, wherever the screen's width broke its line.
            const key = /type\s+this\s+key:\s*((?:[A-Z2-7]{4}\s*)+)/.exec(session.text)?.[1]?.replace(/\s/g, "");
            session.type(codeAt(parseTotpInput(key!), Math.floor(Date.now() / 1000)) + KEY.enter);
          } else session.type(KEY.enter); // do it now, Done, no breach lookup
        }
        expect((await session.exited).exitCode).toBe(0);
        expect(asked.some((q) => /Practice password/.test(q))).toBe(true);
        expect(asked.some((q) => /6-digit code/.test(q))).toBe(true);
        const term = await terminal(session.output, cols, ROWS);
        expect({ cols, split: splitWords(screenLines(term), cols), alone: loneWords(screenLines(term)) }).toEqual({ cols, split: [], alone: [] });
      }),
    );
  }, 90000);

  it("totp practice: words whole, the QR code scans on a dark theme with a 4-module quiet zone, and the result comes before the advice", async () => {
    await Promise.all(
      WIDTHS.map(async (cols) => {
        const session = new PtySession(["totp", "practice"], home(), { cols, rows: ROWS });
        await nextPrompt(session, cols, 0);
        await expectNoSplitWords(session, cols, "the drill's instructions");
        if (cols >= 60) {
          const qr = decodeQrOnScreen(await terminal(session.output, cols, ROWS));
          expect(qr.data).toMatch(/^otpauth:\/\/totp\//);
          expect(qr.quietModules).toBeGreaterThanOrEqual(4);
          session.type(codeAt(parseTotpInput(qr.data!), Math.floor(Date.now() / 1000)) + KEY.enter);
        } else session.type(KEY.ctrlC);
        const { exitCode } = await session.exited;
        if (cols < 60) return;
        expect(exitCode).toBe(0);
        const term = await terminal(session.output, cols, ROWS);
        const text = flat(screenLines(term).map((l) => l.text));
        expect(text.indexOf("The code matches")).toBeGreaterThan(0);
        expect(text.indexOf("The code matches")).toBeLessThan(text.indexOf("Backup codes and a lost phone"));
        expect(splitWords(screenLines(term), cols)).toEqual([]);
      }),
    );
  }, 60000);

  it("password and scan results break no word", async () => {
    const server = await startRangeServer(serveEntries(await knownEntries("sha1")));
    try {
      await Promise.all(
        WIDTHS.map(async (cols) => {
          const env = { ...home(), HARDEN_RANGE_URL: server.baseUrl };
          const check = new PtySession(["password", "--no-strength"], env, { cols, rows: ROWS });
          await nextPrompt(check, cols, 0);
          await expectNoSplitWords(check, cols, "the password prompt");
          check.type("letmein" + KEY.enter);
          expect((await check.exited).exitCode).toBe(1);
          expect(check.text).toContain("Found in breach data");
          expect(splitWords(screenLines(await terminal(check.output, cols, ROWS)), cols)).toEqual([]);
          const scan = new PtySession(["scan", path.join(FIXTURES, "exports", "chrome.csv"), "--range-url", server.baseUrl, ...(cols === 80 ? [] : ["--no-strength"])], env, { cols, rows: ROWS });
          const { exitCode } = await scan.exited;
          expect(exitCode).toBeLessThan(2);
          expect(splitWords(screenLines(await terminal(scan.output, cols, ROWS)), cols)).toEqual([]);
        }),
      );
    } finally {
      await server.close();
    }
  }, 60000);

  it("JSON and Markdown reach a narrow terminal exactly as they reach a pipe", async () => {
    for (const format of [["--json"], ["--format", "md"]]) {
      const args = ["checklist", "show", "facebook", ...format];
      const session = new PtySession(args, home(), { cols: 40, rows: ROWS });
      expect((await session.exited).exitCode).toBe(0);
      const piped = await runHarden(args, { env: home() });
      expect(session.output.replace(/\r\n/g, "\n")).toBe(piped.stdout);
    }
  }, 30000);
});
