import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { serveEntries, startRangeServer } from "../fixtures/breach/rangeServer.js";
import { BIN, ROOT, tempHomes } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";

const home = tempHomes();


/** The built bin with its stdout read by something that stops after the first chunk, as `| head -3` does. */
function runIntoClosedPipe(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stdout.once("data", () => child.stdout.destroy());
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("a closed output pipe", () => {
  it("checklist show --all into a reader that stops early ends quietly with exit 0", async () => {
    const { env } = home();
    const r = await runIntoClosedPipe(["checklist", "show", "--all"], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("checklist show --all --format html into a closed pipe: no stack trace", async () => {
    const { env } = home();
    const r = await runIntoClosedPipe(["checklist", "show", "--all", "--format", "html"], env);
    expect(r.stderr).not.toMatch(/EPIPE|at .*\(node:/);
    expect(r.code).toBe(0);
  });
});

describe("errors under --json", () => {
  /** stderr must be exactly one JSON object and nothing else; stdout stays empty. */
  const onlyError = (r: { stdout: string; stderr: string }) => {
    expect(r.stdout).toBe("");
    return (JSON.parse(r.stderr) as { error: { code: string; exitCode: number; message: string; problems: string[] } }).error;
  };

  it("a bad flag is a usage error object, exit 2", async () => {
    const { env } = home();
    const r = await runHarden(["list", "--frobnicate", "--json"], { env });
    expect(r.code).toBe(2);
    expect(onlyError(r)).toEqual({ code: "usage", exitCode: 2, message: "unknown option '--frobnicate'", problems: [] });
  });

  it("a broken answers file is invalid-input, with every problem", async () => {
    const { dir, env } = home();
    const answers = path.join(dir, "answers.yaml");
    writeFileSync(answers, "facebook.nope: done\nfoo: bar\n");
    const r = await runHarden(["audit", "facebook", "--answers", answers, "--json"], { env });
    expect(r.code).toBe(2);
    const error = onlyError(r);
    expect(error).toMatchObject({ code: "invalid-input", exitCode: 2 });
    expect(error.message).toContain(answers);
    expect(error.problems).toEqual(["unknown item id: facebook.nope", "unknown item id: foo"]);
  });

  it("a folder given as an export is a usage error object naming it", async () => {
    const { dir, env } = home();
    const r = await runHarden(["scan", dir, "--json"], { env });
    expect(r.code).toBe(2);
    expect(onlyError(r)).toMatchObject({ code: "usage", exitCode: 2, message: expect.stringContaining(`${dir} is a folder`) });
  });

  it("without --json the same error stays one plain line", async () => {
    const { dir, env } = home();
    const r = await runHarden(["scan", dir], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`The export ${dir} is a folder, not a regular file: give the path of a regular file.\n`);
  });
});

describe("plan --help", () => {
  it("lists every intake question id of the rules file and the answers yes, no, unsure", async () => {
    const rules = parse(readFileSync(path.join(ROOT, "checklists", "rules", "intake.yaml"), "utf8")) as { questions: Array<{ id: string }> };
    const r = await runHarden(["plan", "--help"], { env: home().env });
    expect(r.code).toBe(0);
    expect(rules.questions.length).toBeGreaterThan(3);
    for (const { id } of rules.questions) expect(r.stdout).toMatch(new RegExp(`^\\s+${id}\\s`, "m"));
    expect(r.stdout).toContain("yes, no, unsure");
  });
});

describe("checklist validate", () => {
  it("prints every problem in one pass, by line, with 'did you mean' for near-miss field names", async () => {
    const { dir, env } = home();
    const demo = readFileSync(path.join(ROOT, "tests", "fixtures", "checklists", "good", "demo.yaml"), "utf8");
    const broken = demo
      .replace("    title: Turn on two-factor authentication\n", "    tittle: Turn on two-factor authentication\n")
      .replace("      android: Menu > Settings > Security > Two-factor\n", "      andriod: Menu > Settings > Security > Two-factor\n")
      .replace("    risk: medium\n", "    risk: middling\n")
      .concat("surfaces: 3\n");
    const file = path.join(dir, "demo.yaml");
    writeFileSync(file, broken);
    const r = await runHarden(["checklist", "validate", file], { env });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    const numbers = lines.map((l) => Number(l.slice(file.length + 1).split(":")[0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(r.stderr).toMatch(/items\[0\]\.tittle: is not a known field; did you mean title\?/);
    expect(r.stderr).toMatch(/items\[0\]\.path\.andriod: is not a known field; did you mean android\?/);
    expect(r.stderr).toMatch(/items\[1\]\.risk: must be one of/);
    expect(r.stderr).toMatch(/surfaces: is not a known field\n/);
  });
});

describe("--range-url over plain http", () => {
  it("is refused for a host on the internet: exit 2, one line, nothing read or sent", async () => {
    const { env } = home();
    const r = await runHarden(["password", "--stdin", "--no-strength", "--range-url", "http://api.pwnedpasswords.com/range/"], { env, input: "x\n" });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/api\.pwnedpasswords\.com.*plain http:\/\/.*https:\/\/api\.pwnedpasswords\.com\/range\//);
    const saved = await runHarden(["config", "set", "range-url", "http://example.com/range/"], { env });
    expect(saved.code).toBe(2);
  });

  it("is taken for a server on this machine, with one warning line on stderr (a JSON notice under --json)", async () => {
    const { env } = home();
    const server = await startRangeServer(serveEntries([]));
    try {
      const r = await runHarden(["password", "--stdin", "--json", "--no-strength", "--range-url", server.baseUrl], { env, input: "x\n" });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).summary.notFound).toBe(1);
      // Every stderr line under --json is JSON: the warning is one notice.
      expect(r.stderr.endsWith("\n") && r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(JSON.parse(r.stderr).notice).toMatch(/^Warning: the breach service at 127\.0\.0\.1:\d+ is reached over plain http:\/\/ /);
      const words = await runHarden(["password", "--stdin", "--no-strength", "--range-url", server.baseUrl], { env, input: "x\n" });
      expect(words.stderr).toMatch(/^Warning: the breach service at 127\.0\.0\.1:\d+ is reached over plain http:\/\/ [^\n]*\n$/);
    } finally {
      await server.close();
    }
  });
});

describe("scan", () => {
  const CSV = "name,url,username,password\nfacebook.com,https://facebook.com,me,Shared-Pass-1\nbank,https://bank.example,me,Other-Pass-2\ngoogle.com,https://google.com,me,Shared-Pass-1\n";

  it("says which entries share a password and ends with a reminder to delete the export", async () => {
    const { dir, env } = home();
    const file = path.join(dir, "export.csv");
    writeFileSync(file, CSV);
    const r = await runHarden(["scan", file, "--no-breach", "--no-strength"], { env });
    // Exit 1: the passwords are under 15 characters with no two-factor on (NIST SP 800-63B-4), whatever their score.
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/line 2: facebook\.com[^\n]*same password as line 4 \(google\.com\)/);
    expect(r.stdout).toMatch(/line 4: google\.com[^\n]*same password as line 2 \(facebook\.com\)/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toContain(`delete the export (${file})`);
    const json = await runHarden(["scan", file, "--no-breach", "--no-strength", "--json"], { env });
    expect(JSON.parse(json.stdout).entries.map((e: { reuseGroup: number | null }) => e.reuseGroup)).toEqual([1, null, 1]);
    expect(json.stdout).not.toContain("Shared-Pass-1");
  });

  it("lists the formats it reads one per line when it cannot tell the export", async () => {
    const { dir, env } = home();
    const file = path.join(dir, "export.csv");
    writeFileSync(file, "a,b\n1,2\n");
    const r = await runHarden(["scan", file, "--no-breach"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ {2}bitwarden-csv: Bitwarden CSV$/m);
    expect(r.stderr).toMatch(/^ {2}apple-csv: Apple Passwords \/ Safari CSV$/m);
    const flag = await runHarden(["scan", file, "--format", "nope"], { env });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^ {2}lastpass-csv: LastPass CSV$/m);
  });
});
