/**
 * The stalkerware check itself, pure: what was read from the phone (already parsed) and the
 * indicators in, findings out. Nothing here touches the phone, the disk or the screen.
 */
import type { Component, DeviceAdmin } from "./parsers.js";
import type { AppType, IndicatorApp } from "./indicators.js";

/** Apps installed from these came through an app store; anything else not built in was sideloaded. */
export const STORE_INSTALLERS = new Set([
  "com.android.vending", // Google Play
  "com.google.android.feedback", // Google Play, older releases
  "com.amazon.venezia", // Amazon Appstore
  "com.sec.android.app.samsungapps", // Galaxy Store
  "com.huawei.appmarket", // Huawei AppGallery
  "com.xiaomi.market", // Xiaomi GetApps
  "com.heytap.market", // OPPO / OnePlus App Market
  "com.oppo.market",
  "com.bbk.appstore", // vivo App Store
  "org.fdroid.fdroid", // F-Droid
]);

export interface PhonePackage {
  name: string;
  /** The app that installed it (null: installed by a computer, by a file, or not known). */
  installer: string | null;
  /** Built into the phone (null: not known). */
  system: boolean | null;
  /** Signing-certificate SHA-1s (upper-case hex) where they could be read. */
  certificates: string[];
}

export interface DeviceInfo {
  model: string | null;
  manufacturer: string | null;
  android: string | null;
  securityPatch: string | null;
  serial: string | null;
}

/** Everything read from one phone; null is "could not be read", never "none". */
export interface PhoneData {
  device: DeviceInfo;
  packages: PhonePackage[] | null;
  accessibility: Component[] | null;
  notificationListeners: Component[] | null;
  admins: DeviceAdmin[] | null;
  overlay: string[] | null;
  usageStats: string[] | null;
  settings: { unknownSources: string | null; playProtect: string | null; verifyAdbInstalls: string | null } | null;
  /** Whether signing certificates were looked for at all. */
  certificatesRead: boolean;
}

export type Right = "accessibility" | "device-admin" | "notification-listener" | "overlay" | "usage-stats";

export type LookReason = "sideloaded-accessibility" | "sideloaded-admin" | "outside-store-notification-listener" | "play-protect-off" | "unknown-sources" | "adb-installs-unverified";

export type Finding =
  | {
      kind: AppType;
      app: string;
      package: string;
      matchedBy: Array<"package" | "certificate">;
      certificate: string | null;
      rights: Right[];
      installer: string | null;
      /** The indicators file the match came from. */
      source: "ioc.yaml" | "watchware.yaml";
    }
  | { kind: "worth-a-look"; reason: LookReason; package: string | null; component: string | null; installer: string | null };

/** Parts of the check; the first four must be read for "nothing found" to mean anything. */
export const ESSENTIAL_PARTS = ["packages", "accessibility", "notification-listeners", "device-admins"] as const;
export type Part = (typeof ESSENTIAL_PARTS)[number] | "overlay" | "usage-stats" | "settings" | "certificates";

export interface CheckOutcome {
  findings: Finding[];
  /** Parts that could not be read. */
  notChecked: Part[];
  /** Apps from outside the phone whose signing certificate could not be read (matched by name only). */
  certificatesMissing: number;
  counts: { packages: number; notSystem: number };
  /** found: at least one finding; clean: nothing found and every essential part read; incomplete: neither. */
  status: "found" | "clean" | "incomplete";
}

const sideloaded = (p: PhonePackage | undefined) => p !== undefined && p.system !== true && !(p.installer !== null && STORE_INSTALLERS.has(p.installer));

export function checkPhone(data: PhoneData, apps: readonly IndicatorApp[]): CheckOutcome {
  const byPackage = new Map<string, IndicatorApp>();
  const byCertificate = new Map<string, IndicatorApp>();
  for (const app of apps) {
    for (const name of app.packages) if (!byPackage.has(name) || app.type === "stalkerware") byPackage.set(name, app);
    for (const cert of app.certificates) if (!byCertificate.has(cert) || app.type === "stalkerware") byCertificate.set(cert, app);
  }
  const packages = new Map((data.packages ?? []).map((p) => [p.name, p]));

  const rightsOf = (name: string): Right[] => {
    const rights: Right[] = [];
    if (data.accessibility?.some((c) => c.package === name)) rights.push("accessibility");
    if (data.admins?.some((c) => c.package === name)) rights.push("device-admin");
    if (data.notificationListeners?.some((c) => c.package === name)) rights.push("notification-listener");
    if (data.overlay?.includes(name)) rights.push("overlay");
    if (data.usageStats?.includes(name)) rights.push("usage-stats");
    return rights;
  };

  // Every app the phone named anywhere: a service can be listed for an app the list missed.
  const names = new Set<string>(packages.keys());
  for (const list of [data.accessibility, data.notificationListeners, data.admins]) for (const c of list ?? []) names.add(c.package);
  for (const list of [data.overlay, data.usageStats]) for (const n of list ?? []) names.add(n);

  const findings: Finding[] = [];
  const known = new Set<string>();
  for (const name of [...names].sort()) {
    const pkg = packages.get(name);
    const byName = byPackage.get(name);
    const certificate = pkg?.certificates.find((c) => byCertificate.has(c)) ?? null;
    const byCert = certificate ? byCertificate.get(certificate) : undefined;
    // A package name alone can be copied by any app; the certificate proves who signed it. Both are reported.
    const app = byCert?.type === "stalkerware" ? byCert : (byName ?? byCert);
    if (!app) continue;
    const matchedBy: Array<"package" | "certificate"> = [];
    if (byName) matchedBy.push("package");
    if (byCert) matchedBy.push("certificate");
    known.add(name);
    findings.push({
      kind: app.type,
      app: app.name,
      package: name,
      matchedBy,
      certificate,
      rights: rightsOf(name),
      installer: pkg?.installer ?? null,
      source: app.type === "stalkerware" ? "ioc.yaml" : "watchware.yaml",
    });
  }

  const look = (reason: LookReason, c: Component) => {
    if (known.has(c.package)) return;
    const pkg = packages.get(c.package);
    // An app the package list did not name is treated as from outside the store: it cannot be shown to be from one.
    if (pkg !== undefined && !sideloaded(pkg)) return;
    if (findings.some((f) => f.kind === "worth-a-look" && f.reason === reason && f.package === c.package)) return;
    findings.push({ kind: "worth-a-look", reason, package: c.package, component: c.component, installer: pkg?.installer ?? null });
  };
  for (const c of data.accessibility ?? []) look("sideloaded-accessibility", c);
  for (const c of data.admins ?? []) look("sideloaded-admin", c);
  for (const c of data.notificationListeners ?? []) look("outside-store-notification-listener", c);

  const setting = (reason: LookReason) => findings.push({ kind: "worth-a-look", reason, package: null, component: null, installer: null });
  if (data.settings?.playProtect === "0") setting("play-protect-off");
  if (data.settings?.unknownSources === "1") setting("unknown-sources");
  if (data.settings?.verifyAdbInstalls === "0") setting("adb-installs-unverified");

  const notChecked: Part[] = [];
  if (data.packages === null) notChecked.push("packages");
  if (data.accessibility === null) notChecked.push("accessibility");
  if (data.notificationListeners === null) notChecked.push("notification-listeners");
  if (data.admins === null) notChecked.push("device-admins");
  if (data.overlay === null) notChecked.push("overlay");
  if (data.usageStats === null) notChecked.push("usage-stats");
  if (data.settings === null) notChecked.push("settings");
  if (!data.certificatesRead) notChecked.push("certificates");

  const notSystem = [...packages.values()].filter((p) => p.system !== true);
  const certificatesMissing = data.certificatesRead ? notSystem.filter((p) => p.certificates.length === 0).length : 0;
  const essentialMissing = notChecked.some((p) => (ESSENTIAL_PARTS as readonly string[]).includes(p));
  const status = findings.length > 0 ? "found" : essentialMissing ? "incomplete" : "clean";
  return { findings, notChecked, certificatesMissing, counts: { packages: packages.size, notSystem: notSystem.length }, status };
}
