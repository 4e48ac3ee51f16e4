/**
 * harden phone, as a clinic runs it: the built bin against the fixture phone folders, the real adb
 * binary with no phone attached, a stand-in adb for the states a real phone can be in, and every
 * screen in French and Arabic with no English left.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { englishLeft } from "../helpers/english.js";
import { FIXTURES, tempHomes } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";

const home = tempHomes();
const PHONES = path.join(FIXTURES, "phone");
const INFECTED = path.join(PHONES, "infected");
const CLEAN = path.join(PHONES, "clean");
const LETTERS = { fr: /[éèàçê]|\b(vous|votre|les|des)\b/i, ar: /[\u0621-\u064a]{3,}/ } as const;
/** The wrapped text joined again, so a sentence can be looked for whole. */
const flat = (text: string) => text.replace(/\s*\n\s*/g, " ");

/** A free TCP port for a private adb server, so the test neither meets nor leaves the usual one on 5037. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A stand-in adb (a shell script) that lists one phone in `state`. */
function fakeAdb(dir: string, state: string): string {
  const file = path.join(dir, "adb");
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = devices ]; then printf 'List of devices attached\\nR58T000000X\\t${state} usb:1-1 transport_id:4\\n\\n'; exit 0; fi\nexit 1\n`);
  chmodSync(file, 0o755);
  return file;
}

const adbPorts: number[] = [];
afterAll(() => {
  for (const port of adbPorts) spawnSync("/usr/bin/adb", ["-P", String(port), "kill-server"], { stdio: "ignore" });
});

describe("harden phone check", () => {
  it("finds the stalkerware, the watchware and the sideloaded accessibility app in a saved folder (exit 1)", async () => {
    const { stdout, stderr, code } = await runHarden(["phone", "check", "--from", INFECTED], { env: home().env });
    expect(code).toBe(1);
    const text = flat(stdout);
    expect(text).toContain("SpyLive360 (com.wifi0)");
    expect(text).toContain("TheTruthSpy (com.android.battery.helper) Found by its signing certificate 31A6ECECD97CF39BC4126B8745CD94A7C30BF81C");
    expect(text).toContain("FamiSafe (com.wondershare.famisafe.kids)");
    expect(text).toContain("com.example.keyboardhelper has accessibility rights and was not installed from an app store.");
    expect(text).toContain("Before you remove anything");
    expect(text).toContain("https://creativecommons.org/licenses/by/4.0/");
    // A folder is not a live phone: no word about USB debugging.
    expect(stderr).toBe("");
  });

  it("finds nothing in the clean folder (exit 0) and says that is not proof", async () => {
    const { stdout, code } = await runHarden(["phone", "check", "--from", CLEAN], { env: home().env });
    expect(code).toBe(0);
    expect(flat(stdout)).toContain("No known stalkerware or monitoring app was found. This does not prove the phone is safe");
  });

  it("a stalkerware finding puts the phone and account-taken-over steps first in harden plan; a clean check or --no-save keeps nothing", async () => {
    const answers = "intake:\n  images: yes\nplatforms: [facebook]\n";
    const plan = async (env: NodeJS.ProcessEnv) => JSON.parse((await runHarden(["--json", "plan", "--answers", "-"], { env, input: answers })).stdout);
    const found = home().env;
    expect((await runHarden(["phone", "check", "--from", INFECTED], { env: found })).code).toBe(1);
    const raised = await plan(found);
    expect(raised.rules).toContain("stalkerware-found");
    expect(raised.platforms).toEqual(expect.arrayContaining(["phone", "account-taken-over", "facebook"]));
    expect(raised.today.find((i: { id: string }) => i.id.startsWith("phone."))?.why).toMatch(/^A spy app was found on your phone\./);
    for (const args of [["phone", "check", "--from", CLEAN], ["--no-save", "phone", "check", "--from", INFECTED]]) {
      const env = home().env;
      await runHarden(args, { env });
      const plain = await plan(env);
      expect(plain.rules, args.join(" ")).not.toContain("stalkerware-found");
      expect(plain.platforms, args.join(" ")).not.toContain("phone");
    }
  });

  it("gives JSON with stable field names, and a private HTML or Markdown report with the credit", async () => {
    const { dir, env } = home();
    const json = await runHarden(["--json", "phone", "check", "--from", INFECTED], { env });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.outcome.status).toBe("found");
    expect(report.outcome.findings.map((f: { kind: string }) => f.kind)).toEqual(["stalkerware", "stalkerware", "watchware", "worth-a-look", "worth-a-look"]);
    expect(report.indicators).toMatchObject({ commit: "a04c5c1958bff93fec3b1b56edbb412b209f2a38", kind: "bundled" });
    const html = path.join(dir, "report.html");
    const written = await runHarden(["phone", "check", "--from", INFECTED, "--format", "html", "--output", html], { env });
    expect(written.code).toBe(1);
    expect(statSync(html).mode & 0o777).toBe(0o600);
    const page = readFileSync(html, "utf8");
    expect(page).toContain('<a href="https://creativecommons.org/licenses/by/4.0/">');
    expect(page).toContain("AssoEchap stalkerware-indicators, CC BY 4.0.");
    expect(page).toContain("<h3>✗ SpyLive360 (com.wifi0)</h3>");
    const md = await runHarden(["phone", "check", "--from", CLEAN, "--format", "md"], { env });
    expect(md.stdout).toMatch(/^# Phone check\n/);
    expect(md.stdout).toContain("<https://github.com/AssoEchap/stalkerware-indicators>");
  });

  it("adds the findings to the evidence log with --evidence", async () => {
    const { env } = home();
    const run = await runHarden(["phone", "check", "--from", INFECTED, "--evidence"], { env });
    expect(run.code).toBe(1);
    expect(flat(run.stdout)).toContain("These findings were added to your evidence log (entry 1).");
    const list = await runHarden(["--json", "evidence", "list"], { env });
    const [entry] = JSON.parse(list.stdout).entries;
    expect(entry.note).toContain("SM-A536B");
    expect(entry.note).toContain("SpyLive360 (com.wifi0)");
  });

  it("with the real adb and no phone attached: could not check (exit 3), saying what to do", async () => {
    const port = await freePort();
    adbPorts.push(port);
    const { dir, env } = home();
    const run = await runHarden(["phone", "check"], { env: { ...env, HOME: dir, ANDROID_ADB_SERVER_PORT: String(port), HARDEN_ADB: "/usr/bin/adb" } });
    expect(run.code).toBe(3);
    expect(flat(run.stderr)).toContain("No Android phone is connected.");
    expect(run.stdout).toBe("");
    const json = await runHarden(["--json", "phone", "check"], { env: { ...env, HOME: dir, ANDROID_ADB_SERVER_PORT: String(port), HARDEN_ADB: "/usr/bin/adb" } });
    expect(JSON.parse(json.stderr).error).toMatchObject({ code: "could-not-check", exitCode: 3 });
  });

  it("without adb, or with a phone that has not allowed this computer: exit 3 and what to do", async () => {
    const { dir, env } = home();
    const missing = await runHarden(["phone", "check"], { env: { ...env, HARDEN_ADB: path.join(dir, "no-adb-here") } });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("sudo apt-get install adb");
    const unauthorized = await runHarden(["phone", "check"], { env: { ...env, HARDEN_ADB: fakeAdb(dir, "unauthorized") } });
    expect(unauthorized.code).toBe(3);
    expect(flat(unauthorized.stderr)).toContain('tap "Allow" on the "Allow USB debugging?" message');
  });

  it("explains an iPhone: what cannot be read and the checklist steps that apply (exit 3)", async () => {
    const { stdout, code } = await runHarden(["phone", "check", "--iphone"], { env: home().env });
    expect(code).toBe(3);
    for (const id of ["phone.safety-check-iphone", "phone.device-management", "phone.apple-account-devices"]) expect(stdout).toContain(id);
  });

  it("shows the bundled indicators, and its help says what it reads, never does, and whose data it is", async () => {
    const shown = await runHarden(["phone", "indicators"], { env: home().env });
    expect(shown.code).toBe(0);
    expect(flat(shown.stdout)).toContain("147 stalkerware apps, 27 monitoring apps");
    expect(shown.stdout).toContain("a04c5c1958bf");
    const help = await runHarden(["phone", "check", "--help"], { env: home().env });
    expect(help.stdout).toContain("sudo apt-get install adb");
    expect(help.stdout).toContain("What it never does: install, remove, change or send anything.");
    expect(help.stdout).toContain("CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)");
  });
});

for (const lang of ["fr", "ar"] as const) {
  describe(`harden --lang ${lang} phone`, () => {
    it("has no English left in the help, the reports or the errors, with the same exit codes", async () => {
      const { dir, env } = home();
      const runs: Array<{ args: string[]; env?: NodeJS.ProcessEnv; code: number }> = [
        { args: ["phone", "--help"], code: 0 },
        { args: ["phone", "check", "--help"], code: 0 },
        { args: ["phone", "indicators", "--help"], code: 0 },
        { args: ["phone", "indicators", "update", "--help"], code: 0 },
        { args: ["phone", "check", "--from", INFECTED], code: 1 },
        { args: ["phone", "check", "--from", INFECTED, "--format", "md"], code: 1 },
        { args: ["phone", "check", "--from", CLEAN], code: 0 },
        { args: ["phone", "check", "--from", dir], code: 3 },
        { args: ["phone", "check", "--iphone"], code: 3 },
        { args: ["phone", "indicators"], code: 0 },
        { args: ["phone", "check"], env: { HARDEN_ADB: path.join(dir, "no-adb-here") }, code: 3 },
        { args: ["phone", "check"], env: { HARDEN_ADB: fakeAdb(dir, "unauthorized") }, code: 3 },
        { args: ["phone", "check", "--from", INFECTED, "--collect", dir], code: 2 },
      ];
      for (const run of runs) {
        const out = await runHarden(["--lang", lang, ...run.args], { env: { ...env, ...run.env } });
        const what = `${run.args.join(" ")}: ${out.stderr.slice(0, 300)}`;
        expect(out.code, what).toBe(run.code);
        // commander's own help words ("Usage:", "Options:") are translated where cli.ts sets up help for every command.
        const allow = run.args.includes("--help") ? ["commander:"] : [];
        expect(englishLeft(out.stdout + out.stderr, lang, { allow }), what).toEqual([]);
        expect(out.stdout + out.stderr, what).toMatch(LETTERS[lang]);
      }
    });
  });
}
