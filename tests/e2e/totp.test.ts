import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { codeAt } from "../../src/totp/codes.js";
import { parseTotpInput } from "../../src/totp/params.js";
import { tempDir } from "../helpers/fixtures.js";
import { KEY, PtySession } from "../helpers/pty.js";
import { decodeQrOnScreen, terminal } from "../helpers/screen.js";
import { runHarden } from "../helpers/run.js";

const SHA1_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
let cleanup = () => {};
afterEach(() => cleanup());

function home() {
  const t = tempDir();
  cleanup = t.cleanup;
  return { HARDEN_HOME: path.join(t.dir, "home") };
}

describe("harden totp", () => {
  it("code prints the RFC 6238 code for a moment, from stdin or a secret file", async () => {
    const env = home();
    const r = await runHarden(["totp", "code", "--stdin", "--time", "1111111109", "--digits", "8"], { env, input: `${SHA1_SEED}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("07081804\n");
    const json = await runHarden(["totp", "code", "--secret-file", "-", "--time", "59", "--json"], {
      env,
      input: `otpauth://totp/X:me?secret=${SHA1_SEED}&digits=8&algorithm=SHA1\n`,
    });
    expect(JSON.parse(json.stdout)).toMatchObject({ code: "94287082", validFor: 1, digits: 8, algorithm: "sha1" });
  });

  it("verify reports a match with drift, a mismatch with exit 1, and bad input with exit 2", async () => {
    const env = home();
    const params = parseTotpInput(SHA1_SEED);
    const behind = codeAt(params, 1_700_000_000 - 30);
    const r = await runHarden(["totp", "verify", "--stdin", "--time", "1700000000", "--json"], { env, input: `${SHA1_SEED}\n${behind}\n` });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ match: true, driftSteps: -1, driftSeconds: -30 });
    const wrong = await runHarden(["totp", "verify", "--stdin", "--code", "000000", "--time", "1700000000"], { env, input: `${SHA1_SEED}\n` });
    expect(wrong.code).toBe(1);
    const bad = await runHarden(["totp", "verify", "--stdin", "--code", "12"], { env, input: `${SHA1_SEED}\n` });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("accepts the 80-bit (16-character) secrets many services issue, and rejects impossible lengths in one line", async () => {
    const env = home();
    const ok = await runHarden(["totp", "code", "--stdin", "--time", "59"], { env, input: "JBSWY3DPEHPK3PXP\n" });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^\d{6}\n$/);
    const bad = await runHarden(["totp", "code", "--stdin"], { env, input: "JBSWY3DPEHPK3PXPA\n" });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).not.toContain("JBSWY3DPEHPK3PXP");
  });

  it("never repeats a secret typed as an unknown option's value", async () => {
    const env = home();
    for (const args of [["totp", "code", `--secret=${SHA1_SEED}`], ["password", `--pw=${SHA1_SEED}`], ["totp", "code", `-s${SHA1_SEED}`]]) {
      const r = await runHarden(args, { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("unknown option");
      expect(r.stderr).not.toContain(SHA1_SEED);
    }
  });

  it("a malformed otpauth address names the wrong field and never repeats any part of the line", async () => {
    const env = home();
    const S = "JBSWY3DPEHPK3PXP";
    const lines = [
      `otpauth://${S}/x?secret=${S}`,
      `otpauth://totp/x?digits=6secret=${S}`,
      `otpauth://totp/x?secret=${S}&digits=6secret=${S}`,
      `otpauth://totp/x?secret=${S}&digits=${S}`,
      `otpauth://hotp/x?secret=${S}&counter=1`,
      `otpauth://totp/x?secret=${S}&algorithm=${S}`,
      `otpauth://totp/x?secret=${S}&period=${S}`,
      `otpauth://totp/x?secret=${S}&period=0${S}`,
      `otpauth://totp/${S}`,
      `otpauth://totp/${S}?issuer=${S}&secret=`,
      `otpauth://totp/x%ZZ${S}?secret=${S}`,
      `otpauth:${S}`,
      `otpauth://to tp/${S}?secret=${S}`,
      `otpauth://totp/x?secret=${S}!`,
      `otpauth://totp/x?secret=${S}AB`,
    ];
    const FIELD_NAMES = /otpauth|totp|secret|digits|period|algorithm|issuer|counter/gi;
    for (const line of lines) {
      const r = await runHarden(["totp", "code", "--stdin"], { env, input: `${line}\n` });
      expect(r.code, line).toBe(2);
      expect(r.stderr.trim().split("\n"), line).toHaveLength(1);
      const shown = `${r.stdout}\n${r.stderr}`.toLowerCase();
      const pieces = line.replace(FIELD_NAMES, " ").split(/[\s:/?&=%]+/).filter((piece) => piece.length >= 4);
      for (const piece of pieces) {
        for (let i = 0; i + 4 <= piece.length; i++) expect(shown, `${line} showed ${piece.slice(i, i + 4)}`).not.toContain(piece.slice(i, i + 4).toLowerCase());
      }
    }
  }, 30000);

  it("refuses a secret given as an argument or through the environment", async () => {
    const env = home();
    const r = await runHarden(["totp", "code", SHA1_SEED], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain(SHA1_SEED);
    const fromEnv = await runHarden(["totp", "code", "--stdin"], { env: { ...env, HARDEN_TOTP_SECRET: SHA1_SEED }, input: `${SHA1_SEED}\n` });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain("HARDEN_TOTP_SECRET");
  });

  it("practice: scan the shown QR code, type the code it gives, and it matches", async () => {
    const env = home();
    const session = new PtySession(["totp", "practice"], env);
    await session.waitFor(/Type the 6-digit code your app shows now/);
    const text = session.text;
    const key = /type this key:\s*\r?\n\s*((?:[A-Z2-7]{4} ?)+)/.exec(text)?.[1]?.replace(/\s/g, "");
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    // What a phone would scan: the drawing between the instructions and the set-up key.
    const uri = decodeQrOnScreen(await terminal(session.output, 100)).data;
    expect(uri).toContain(`secret=${key}`);
    const current = codeAt(parseTotpInput(uri!), Math.floor(Date.now() / 1000));
    session.type((current === "000000" ? "111111" : "000000") + KEY.enter);
    await session.waitFor(/did not match/);
    session.type(codeAt(parseTotpInput(uri!), Math.floor(Date.now() / 1000)) + KEY.enter);
    await session.waitFor(/The code matches/);
    expect((await session.exited).exitCode).toBe(0);
    expect(session.text).toContain("Backup codes and a lost phone");
    expect(existsSync(env.HARDEN_HOME)).toBe(false); // the practice secret is never kept
  }, 30000);
});
