/**
 * Where the phone's answers come from, behind one small interface: a live phone through adb
 * (execFile, never a shell on this computer, each command with a time limit), or a folder of saved
 * outputs (--from DIR, written by --collect DIR, or an AndroidQF acquisition). Every command
 * harden runs on the phone only reads: nothing is installed, removed, changed or granted.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { CouldNotCheckError, UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import { signingCertificates } from "./apkSignature.js";
import { parseDevices, type AdbDevice, type ListedPackage } from "./parsers.js";

/** One read: the file it is saved as in a collected folder, and the adb arguments that make it. */
export interface ReadStep {
  file: string;
  args: string[];
  /** Older forms of the command, tried in turn when the phone does not know the first. */
  older?: string[][];
}

/**
 * What harden reads, in the order it reads it. Every one of them only reads. `dumpsys package PKG`
 * is not among them: its "signatures=PackageSignatures{... signatures:[74831dfd]}" line is a 32-bit
 * hash code of the certificate, not its SHA-1, so it cannot be matched against the indicators;
 * the certificates are read from each APK's signing block instead (certificates() below).
 */
export const STEPS = {
  getprop: { file: "getprop.txt", args: ["shell", "getprop"] },
  // -U (uid) came with Android 8 and some phones refuse -i (AndroidQF retries the same way).
  packages: {
    file: "packages.txt",
    args: ["shell", "pm", "list", "packages", "-f", "-i", "-U"],
    older: [
      ["shell", "pm", "list", "packages", "-f", "-i"],
      ["shell", "pm", "list", "packages", "-f"],
    ],
  },
  system: { file: "packages_system.txt", args: ["shell", "pm", "list", "packages", "-s"] },
  thirdParty: { file: "packages_third_party.txt", args: ["shell", "pm", "list", "packages", "-3"] },
  // `settings list` gives every setting at once, in the shape AndroidQF saves (settings_secure.txt).
  secure: { file: "settings_secure.txt", args: ["shell", "settings", "list", "secure"] },
  global: { file: "settings_global.txt", args: ["shell", "settings", "list", "global"] },
  devicePolicy: { file: "dumpsys_device_policy.txt", args: ["shell", "dumpsys", "device_policy"] },
  overlay: { file: "appops_SYSTEM_ALERT_WINDOW.txt", args: ["shell", "appops", "query-op", "SYSTEM_ALERT_WINDOW", "allow"] },
  usageStats: { file: "appops_GET_USAGE_STATS.txt", args: ["shell", "appops", "query-op", "GET_USAGE_STATS", "allow"] },
} as const satisfies Record<string, ReadStep>;
export type StepName = keyof typeof STEPS;

/** Signing certificates, "PACKAGE SHA1" a line, as --collect saves them. */
export const CERTIFICATES_FILE = "certificates.txt";
/** AndroidQF's package list (with certificates), read when a folder has no packages.txt. */
export const ANDROIDQF_PACKAGES = "packages.json";
/** AndroidQF's whole dumpsys, where device_policy is one section. */
export const ANDROIDQF_DUMPSYS = "dumpsys.txt";

export interface PhoneSource {
  readonly kind: "adb" | "folder";
  /** The folder read, for a folder source. */
  readonly folder?: string;
  /** The phone's serial, for a live phone. */
  readonly serial?: string;
  /** The output of one step, or undefined when it could not be read. */
  read(step: StepName): Promise<string | undefined>;
  /** A saved file by name (folders only). */
  file(name: string): Promise<string | undefined>;
  /** Signing certificates of these apps, or undefined when none could be looked for. */
  certificates(packages: ListedPackage[], onProgress?: (p: { done: number; total: number }) => void): Promise<Map<string, string[]> | undefined>;
}

/** Far more than any real output; a bigger one is not a phone's answer. */
const MAX_OUTPUT = 32 * 1024 * 1024;
const MAX_FILE = 32 * 1024 * 1024;

export function folderSource(dir: string): PhoneSource {
  const readSaved = async (name: string) => {
    try {
      const text = await readFile(path.join(dir, name));
      return text.length > MAX_FILE ? undefined : text.toString("utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return undefined;
      throw new UsageError(t("phone:errors.cannotReadFolder", { file: path.join(dir, name), code: code ?? "error" }));
    }
  };
  return {
    kind: "folder",
    folder: dir,
    read: (step) => readSaved(STEPS[step].file),
    file: readSaved,
    async certificates() {
      const text = await readSaved(CERTIFICATES_FILE);
      if (text === undefined) return undefined;
      const { parseCertificates } = await import("./parsers.js");
      return parseCertificates(text);
    },
  };
}

/** How adb is run: execFile, or a stand-in in tests. */
export type Exec = (file: string, args: string[], options: { timeout: number; encoding: "buffer" }) => Promise<{ stdout: Buffer; stderr: Buffer }>;

const execAdb: Exec = (file, args, options) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { ...options, maxBuffer: MAX_OUTPUT, windowsHide: true, killSignal: "SIGKILL" }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });

/** A phone adb cannot read, and why: exit 3, with what to do. */
export class PhoneNotReadyError extends CouldNotCheckError {
  readonly reason: "several" | "unauthorized" | "no-permissions" | "offline" | "no-phone";
  constructor(reason: PhoneNotReadyError["reason"], count = 0) {
    const key = { several: "severalPhones", unauthorized: "unauthorized", "no-permissions": "noPermissions", offline: "offline", "no-phone": "noPhone" }[reason];
    super(t(`phone:errors.${key}`, { count }));
    this.reason = reason;
  }
}

/** Why the phone cannot be checked, in words that say what to do. */
export function deviceProblem(devices: AdbDevice[]): PhoneNotReadyError | undefined {
  const ready = devices.filter((d) => d.state === "device");
  if (ready.length === 1) return undefined;
  if (ready.length > 1) return new PhoneNotReadyError("several", ready.length);
  if (devices.some((d) => d.state === "unauthorized")) return new PhoneNotReadyError("unauthorized");
  if (devices.some((d) => d.state === "no permissions")) return new PhoneNotReadyError("no-permissions");
  if (devices.some((d) => d.state === "offline")) return new PhoneNotReadyError("offline");
  return new PhoneNotReadyError("no-phone");
}

/** An APK path as pm prints it, safe to hand to the phone's shell as one word. */
const SAFE_APK_PATH = /^\/(?:[A-Za-z0-9._~=+-]+\/)*[A-Za-z0-9._~=+-]+\.apk$/;
/** Enough for the signing block and central directory of nearly every app; bigger apps get a second, longer read. */
const TAILS = [256 * 1024, 4 * 1024 * 1024];

export interface AdbOptions {
  /** The adb program (HARDEN_ADB, else adb on the PATH). */
  adb: string;
  /** Longest wait for one command, in milliseconds. */
  timeoutMs?: number;
  exec?: Exec;
}

/** The one phone adb sees, ready to read; a could-not-check error that says what to do otherwise. */
export async function adbSource(options: AdbOptions): Promise<PhoneSource> {
  const exec = options.exec ?? execAdb;
  const timeout = options.timeoutMs ?? 60_000;
  let listing: string;
  try {
    listing = (await exec(options.adb, ["devices", "-l"], { timeout, encoding: "buffer" })).stdout.toString("utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES") throw new CouldNotCheckError(t("phone:errors.noAdb"));
    throw new CouldNotCheckError(t("phone:errors.adbFailed", { code: String(code ?? (error as { signal?: string }).signal ?? "error") }));
  }
  const devices = parseDevices(listing);
  const problem = deviceProblem(devices);
  if (problem) throw problem;
  const serial = devices.find((d) => d.state === "device")!.serial;
  const run = async (args: string[]): Promise<Buffer | undefined> => {
    try {
      return (await exec(options.adb, ["-s", serial, ...args], { timeout, encoding: "buffer" })).stdout;
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? "");
      // The phone went away (unplugged, locked out): nothing after this can be read.
      if (/device .* not found|device offline|unauthorized|no devices/i.test(stderr)) throw new CouldNotCheckError(t("phone:errors.lost"));
      return undefined;
    }
  };
  return {
    kind: "adb",
    serial,
    async read(step) {
      const { args, older = [] } = STEPS[step] as ReadStep;
      for (const form of [args, ...older]) {
        const text = (await run([...form]))?.toString("utf8");
        // A phone that does not know an option prints its usage, not a single package line.
        if (text !== undefined && (older.length === 0 || /^package:/m.test(text))) return text;
      }
      return undefined;
    },
    file: async () => undefined,
    async certificates(packages, onProgress) {
      const found = new Map<string, string[]>();
      const readable = packages.filter((p) => p.path !== null && SAFE_APK_PATH.test(p.path) && !p.path.includes(".."));
      let done = 0;
      for (const pkg of readable) {
        for (const size of TAILS) {
          const tail = await run(["exec-out", "tail", "-c", String(size), pkg.path!]);
          const certs = tail && signingCertificates(tail);
          if (certs) found.set(pkg.name, certs);
          if (certs || !tail || tail.length < size) break;
        }
        onProgress?.({ done: ++done, total: readable.length });
      }
      return found;
    },
  };
}
