import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { phoneCheckCommand } from "../../../src/commands/phone.js";
import { CouldNotCheckError, UsageError } from "../../../src/errors.js";
import { readEvidence } from "../../../src/evidence/log.js";
import { renderPhone } from "../../../src/output/phoneView.js";
import { plainStyle } from "../../../src/output/style.js";
import { adbSource, STEPS, type Exec } from "../../../src/phone/source.js";
import type { PhoneResult } from "../../../src/phone/results.js";
import { apkTail } from "../../fixtures/phone/apkTail.js";
import { testContext } from "../../helpers/context.js";
import { FIXTURES, tempHomes } from "../../helpers/fixtures.js";

const home = tempHomes();
const PHONES = path.join(FIXTURES, "phone");
const report = (r: PhoneResult) => (r.kind === "phone-check" ? r.report : expect.fail(`not a check: ${r.kind}`));


/** A fake adb that answers like a phone holding the `dir` fixture, and records every command it is given. */
function fakeAdb(dir: string, options: { devices?: string; lostAfter?: number; cert?: Buffer; old?: boolean } = {}): { exec: Exec; calls: string[][] } {
  const calls: string[][] = [];
  const exec: Exec = async (_file, args) => {
    calls.push(args);
    if (args[0] === "devices") return { stdout: Buffer.from(options.devices ?? "List of devices attached\nR58T000000X   device usb:1-1 model:SM_A536B\n\n"), stderr: Buffer.alloc(0) };
    if (options.lostAfter !== undefined && calls.length > options.lostAfter) throw Object.assign(new Error("failed"), { stderr: Buffer.from("error: device 'R58T000000X' not found") });
    const rest = args.slice(2).join(" ");
    // A phone older than Android 8 knows no -U: pm prints its usage (exit 0) instead of packages.
    if (options.old && rest.endsWith("-U")) return { stdout: Buffer.from("Error: Unknown option: -U\nusage: pm list packages [-f] [-d] [-e] [-s] [-3] [-i] [-u]\n"), stderr: Buffer.alloc(0) };
    if (options.old && rest === "shell pm list packages -f -i") {
      return { stdout: Buffer.from(readFileSync(path.join(PHONES, dir, "packages.txt"), "utf8").replace(/ uid:\d+/g, "")), stderr: Buffer.alloc(0) };
    }
    if (rest.startsWith("exec-out tail -c")) return { stdout: apkTail([options.cert ?? Buffer.from("cert")]), stderr: Buffer.alloc(0) };
    const step = Object.values(STEPS).find((s) => s.args.join(" ") === rest);
    const file = step && path.join(PHONES, dir, step.file);
    if (!file || !existsSync(file)) throw Object.assign(new Error("failed"), { stderr: Buffer.from("Error: unknown command") });
    return { stdout: readFileSync(file), stderr: Buffer.alloc(0) };
  };
  return { exec, calls };
}

describe("harden phone check from a saved folder", () => {
  it("finds the known stalkerware package and certificate, the watchware and the sideloaded accessibility service (exit 1)", async () => {
    const result = await phoneCheckCommand(testContext(home().env.HARDEN_HOME), { from: path.join(PHONES, "infected") });
    const { outcome, device } = report(result);
    expect(device.model).toBe("SM-A536B");
    expect(outcome.status).toBe("found");
    const kinds = outcome.findings.map((f) => (f.kind === "worth-a-look" ? `${f.reason}:${f.package}` : `${f.kind}:${f.package}:${f.matchedBy.join("+")}`));
    expect(kinds).toEqual([
      "stalkerware:com.android.battery.helper:certificate",
      "stalkerware:com.wifi0:package",
      "watchware:com.wondershare.famisafe.kids:package+certificate",
      "sideloaded-accessibility:com.example.keyboardhelper",
      "play-protect-off:null",
    ]);
    expect(renderPhone(result, { json: false, style: plainStyle() }).exitCode).toBe(1);
  });

  it("finds nothing in the clean folder (exit 0), and an empty folder could not be checked (exit 3)", async () => {
    const clean = await phoneCheckCommand(testContext(home().env.HARDEN_HOME), { from: path.join(PHONES, "clean") });
    expect(report(clean).outcome).toMatchObject({ findings: [], status: "clean", notChecked: [] });
    expect(renderPhone(clean, { json: false, style: plainStyle() }).exitCode).toBe(0);
    const { dir } = home();
    const empty = await phoneCheckCommand(testContext(path.join(dir, "home")), { from: dir });
    expect(report(empty).outcome.status).toBe("incomplete");
    expect(renderPhone(empty, { json: false, style: plainStyle() }).exitCode).toBe(3);
  });

  it("reads an AndroidQF folder: packages.json with certificates, settings and the device_policy part of dumpsys.txt", async () => {
    const { outcome } = report(await phoneCheckCommand(testContext(home().env.HARDEN_HOME), { from: path.join(PHONES, "androidqf") }));
    expect(outcome.notChecked).toEqual(["overlay", "usage-stats"]);
    expect(outcome.findings.filter((f) => f.kind === "stalkerware").map((f) => f.package)).toEqual(["com.android.battery.helper", "com.wifi0"]);
  });

  it("adds the findings to the evidence log with the phone's model and the time (--evidence)", async () => {
    const { env } = home();
    const result = await phoneCheckCommand(testContext(env.HARDEN_HOME), { from: path.join(PHONES, "infected"), evidence: true });
    expect(report(result).evidence).toEqual({ seq: 1 });
    const log = await readEvidence(path.join(env.HARDEN_HOME, "evidence"));
    const note = log.lines[0]!.entry!.note!;
    expect(note).toContain("SM-A536B");
    expect(note).toContain("2026-11-25");
    expect(note).toContain("SpyLive360 (com.wifi0)");
    await expect(phoneCheckCommand(testContext(env.HARDEN_HOME, { save: false }), { from: path.join(PHONES, "infected"), evidence: true })).rejects.toThrow(UsageError);
  });
});

describe("harden phone check on a live phone (adb answered by a fake)", () => {
  it("runs only read commands, reads certificates from each outside app's tail, and --collect saves a folder that --from checks the same", async () => {
    const { dir, env } = home();
    const cert = Buffer.from("the signing certificate");
    const { exec, calls } = fakeAdb("infected", { cert });
    const source = await adbSource({ adb: "adb", exec });
    const { gather } = await import("../../../src/phone/gather.js");
    const { data, raw } = await gather(source);
    expect(data.packages?.find((p) => p.name === "com.wifi0")?.certificates).toEqual([createHash("sha1").update(cert).digest("hex").toUpperCase()]);
    // Nothing that changes a phone: no install, uninstall, pm grant, settings put, am, rm.
    for (const call of calls) expect(call.join(" ")).not.toMatch(/\b(install|uninstall|grant|revoke|put|delete|disable|enable|clear|rm|am|reboot|push)\b/);
    expect(calls.every((c) => c[0] === "devices" || (c[0] === "-s" && c[1] === "R58T000000X"))).toBe(true);
    // Only apps from outside the phone have their APK read.
    expect(calls.filter((c) => c.includes("exec-out")).map((c) => c.at(-1))).toHaveLength(5);
    expect(raw.get("certificates.txt")).toContain("com.wifi0 ");

    const collected = path.join(dir, "collected");
    const ctx = testContext(env.HARDEN_HOME);
    const live = await phoneCheckCommandWith(ctx, exec, { collect: collected });
    expect(readdirSync(collected).sort()).toEqual([...Object.values(STEPS).map((s) => s.file), "certificates.txt"].sort());
    for (const name of readdirSync(collected)) expect(statSync(path.join(collected, name)).mode & 0o777).toBe(0o600);
    const again = await phoneCheckCommand(ctx, { from: collected });
    expect(report(again).outcome.findings).toEqual(report(live).outcome.findings);
    await expect(phoneCheckCommandWith(ctx, exec, { collect: collected })).rejects.toThrow(/not empty/);
  });

  it("asks an older phone the older form of pm list packages", async () => {
    const { exec, calls } = fakeAdb("infected", { old: true });
    const { gather } = await import("../../../src/phone/gather.js");
    const { data } = await gather(await adbSource({ adb: "adb", exec }));
    expect(data.packages?.map((p) => p.name)).toContain("com.wifi0");
    expect(calls.map((c) => c.slice(2).join(" ")).filter((c) => c.startsWith("shell pm list packages -f"))).toEqual(["shell pm list packages -f -i -U", "shell pm list packages -f -i"]);
  });

  it("says what to do when adb is missing, no phone is there, the phone has not allowed this computer, or it goes away", async () => {
    const devices = (text: string) => adbSource({ adb: "adb", exec: fakeAdb("infected", { devices: `List of devices attached\n${text}\n` }).exec });
    await expect(devices("")).rejects.toThrow(/No Android phone is connected/);
    await expect(devices("R58T000000X\tunauthorized usb:1-1 transport_id:3")).rejects.toThrow(/tap "Allow"/);
    await expect(devices("R58T000000X\tno permissions (user in plugdev group; are your udev rules wrong?)")).rejects.toThrow(/plugdev/);
    await expect(devices("A\tdevice\nB\tdevice")).rejects.toThrow(/Unplug all but the one/);
    await expect(devices("")).rejects.toBeInstanceOf(CouldNotCheckError);
    await expect(adbSource({ adb: path.join(home().dir, "no-such-adb") })).rejects.toThrow(/sudo apt-get install adb/);
    const { gather } = await import("../../../src/phone/gather.js");
    const lost = await adbSource({ adb: "adb", exec: fakeAdb("infected", { lostAfter: 3 }).exec });
    await expect(gather(lost)).rejects.toThrow(/stopped answering/);
  });
});

/** phoneCheckCommand with adb answered by `exec`. */
const phoneCheckCommandWith = (ctx: ReturnType<typeof testContext>, exec: Exec, options: { collect?: string }) => phoneCheckCommand(ctx, options, { exec });
