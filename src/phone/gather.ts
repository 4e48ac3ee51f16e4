/** Reads everything the check needs from a phone source and parses it; keeps the raw outputs for --collect. */
import type { DeviceInfo, PhoneData, PhonePackage } from "./check.js";
import {
  parseAndroidQfPackages,
  parseAppOpsQuery,
  parseComponentList,
  parseDeviceAdmins,
  parseGetprop,
  parsePackageList,
  parsePackageNames,
  parseSettingsList,
  type ListedPackage,
} from "./parsers.js";
import { ANDROIDQF_DUMPSYS, ANDROIDQF_PACKAGES, CERTIFICATES_FILE, STEPS, type PhoneSource, type StepName } from "./source.js";

export interface Gathered {
  data: PhoneData;
  /** What each step printed, by the file name --collect saves it as. */
  raw: Map<string, string>;
}

export type GatherProgress = { done: number; total: number; stage: "reading" | "certificates" };

/** The device_policy section of a whole `dumpsys` (its sections start "DUMP OF SERVICE NAME:"). */
function dumpsysSection(text: string, service: string): string | undefined {
  const start = text.indexOf(`DUMP OF SERVICE ${service}:`);
  if (start < 0) return undefined;
  const next = text.indexOf("DUMP OF SERVICE ", start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

const present = (value: string | undefined) => (value === undefined || value === "null" || value === "" ? null : value);

export async function gather(source: PhoneSource, onProgress?: (p: GatherProgress) => void): Promise<Gathered> {
  const raw = new Map<string, string>();
  const names = Object.keys(STEPS) as StepName[];
  const out: Partial<Record<StepName, string>> = {};
  let done = 0;
  for (const name of names) {
    const text = await source.read(name);
    if (text !== undefined) {
      out[name] = text;
      raw.set(STEPS[name].file, text);
    }
    onProgress?.({ done: ++done, total: names.length, stage: "reading" });
  }

  const props = out.getprop === undefined ? undefined : parseGetprop(out.getprop);
  const device: DeviceInfo = {
    model: props?.["ro.product.model"] ?? null,
    manufacturer: props?.["ro.product.manufacturer"] ?? null,
    android: props?.["ro.build.version.release"] ?? null,
    securityPatch: props?.["ro.build.version.security_patch"] ?? null,
    serial: source.serial ?? null,
  };

  let packages: PhonePackage[] | null = null;
  let certificatesRead = false;
  const listed = out.packages === undefined ? undefined : parsePackageList(out.packages);
  // An empty list is no answer: every phone has hundreds of built-in packages.
  if (listed && listed.length > 0) {
    const system = out.system === undefined ? undefined : new Set(parsePackageNames(out.system));
    const thirdParty = out.thirdParty === undefined ? undefined : new Set(parsePackageNames(out.thirdParty));
    const isSystem = (p: ListedPackage) => (system?.has(p.name) ? true : thirdParty?.has(p.name) ? false : p.path === null ? null : !p.path.startsWith("/data/"));
    packages = listed.map((p) => ({ name: p.name, installer: p.installer, system: isSystem(p), certificates: [] }));
    const outside = listed.filter((p) => isSystem(p) !== true);
    const certificates = await source.certificates(outside, (p) => onProgress?.({ ...p, stage: "certificates" }));
    if (certificates) {
      certificatesRead = true;
      for (const pkg of packages) pkg.certificates = certificates.get(pkg.name) ?? [];
      const lines = [...certificates].flatMap(([name, shas]) => shas.map((sha) => `${name} ${sha}`));
      raw.set(CERTIFICATES_FILE, `# package signing-certificate-SHA-1 (APK Signature Scheme v2/v3 block)\n${lines.join("\n")}${lines.length ? "\n" : ""}`);
    }
  } else {
    const qf = parseAndroidQfPackages((await source.file(ANDROIDQF_PACKAGES)) ?? "");
    if (qf && qf.length > 0) {
      packages = qf.map((p) => ({ name: p.name, installer: p.installer, system: p.system, certificates: p.certificates }));
      certificatesRead = qf.some((p) => p.certificates.length > 0);
    }
  }

  const secure = out.secure === undefined ? undefined : parseSettingsList(out.secure);
  const global = out.global === undefined ? undefined : parseSettingsList(out.global);
  const policy = out.devicePolicy ?? dumpsysSection((await source.file(ANDROIDQF_DUMPSYS)) ?? "", "device_policy");
  // A dump without its heading is an error message (no permission, no such service), not "no admins".
  const admins = policy !== undefined && /Device Policy Manager|Enabled Device Admins/.test(policy) ? parseDeviceAdmins(policy) : null;

  const data: PhoneData = {
    device,
    packages,
    accessibility: secure ? parseComponentList(present(secure.enabled_accessibility_services) ?? undefined) : null,
    notificationListeners: secure ? parseComponentList(present(secure.enabled_notification_listeners) ?? undefined) : null,
    admins,
    overlay: out.overlay === undefined ? null : (parseAppOpsQuery(out.overlay) ?? null),
    usageStats: out.usageStats === undefined ? null : (parseAppOpsQuery(out.usageStats) ?? null),
    settings:
      secure || global
        ? {
            unknownSources: present(secure?.install_non_market_apps) ?? null,
            playProtect: present(global?.package_verifier_enable) ?? null,
            verifyAdbInstalls: present(global?.verifier_verify_adb_installs) ?? null,
          }
        : null,
    certificatesRead,
  };
  return { data, raw };
}
