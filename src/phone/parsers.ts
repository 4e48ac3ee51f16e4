/**
 * Parsers for what adb prints, pure: text in, data out, never a throw. Each follows the shape the
 * Android source prints (noted at each parser; the fixtures in tests/fixtures/phone/ say where
 * each sample's shape was read). Lines that do not have the expected shape are skipped: a phone
 * maker's extra line must not stop the check, and what was not read is reported as not checked.
 */

/** Android package names: letters, digits and underscores, in parts joined by dots. */
const PACKAGE = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$/;
export const isPackageName = (name: string) => name.length <= 255 && PACKAGE.test(name);

/** A component ("com.example/.Service" or "com.example/com.example.Service"). */
export interface Component {
  package: string;
  component: string;
}

const lines = (text: string) => text.split(/\r?\n/);

/** `adb devices -l`: "SERIAL<tab or spaces>STATE key:value..." after "List of devices attached" (adb's transport list). */
export interface AdbDevice {
  serial: string;
  /** device, unauthorized, offline, "no permissions", recovery, sideload… */
  state: string;
  model: string | null;
}

export function parseDevices(text: string): AdbDevice[] {
  const devices: AdbDevice[] = [];
  for (const line of lines(text)) {
    if (line.startsWith("List of devices") || line.startsWith("*") || line.trim() === "") continue;
    const match = /^(\S+)\s+(no permissions|\S+)(.*)$/.exec(line);
    if (!match) continue;
    const model = /\bmodel:(\S+)/.exec(match[3] ?? "")?.[1] ?? null;
    devices.push({ serial: match[1]!, state: match[2]!, model });
  }
  return devices;
}

/** `getprop`: "[key]: [value]" lines (toolbox/toybox getprop). */
export function parseGetprop(text: string): Record<string, string> {
  const props: Record<string, string> = Object.create(null);
  for (const line of lines(text)) {
    const match = /^\[([^\]]+)\]:\s*\[(.*)\]\s*$/.exec(line);
    if (match) props[match[1]!] = match[2]!;
  }
  return props;
}

/**
 * `pm list packages -f -i -U`: "package:PATH=NAME  installer=INSTALLER uid:UID"
 * (PackageManagerShellCommand.runListPackages: sourceDir, "=", name, "  installer=", the
 * installer or "null", " uid:", uid). The path can itself hold "=" (/data/app/~~X==/...), so the
 * name is what follows the last "=". Without -f, "package:NAME" alone.
 */
export interface ListedPackage {
  name: string;
  path: string | null;
  installer: string | null;
  uid: number | null;
}

export function parsePackageList(text: string): ListedPackage[] {
  const packages: ListedPackage[] = [];
  for (const line of lines(text)) {
    if (!line.startsWith("package:")) continue;
    const [first = "", ...rest] = line.slice("package:".length).trim().split(/\s+/);
    const eq = first.lastIndexOf("=");
    const name = eq >= 0 ? first.slice(eq + 1) : first;
    if (!isPackageName(name)) continue;
    const path = eq > 0 ? first.slice(0, eq) : null;
    let installer: string | null = null;
    let uid: number | null = null;
    for (const field of rest) {
      if (field.startsWith("installer=")) {
        const value = field.slice("installer=".length);
        installer = value !== "null" && isPackageName(value) ? value : null;
      } else if (/^uid:\d{1,10}$/.test(field)) uid = Number(field.slice(4));
    }
    packages.push({ name, path, installer, uid });
  }
  return packages;
}

/** `pm list packages -s` or `-3`: the names alone. */
export const parsePackageNames = (text: string): string[] => parsePackageList(text).map((p) => p.name);

/** `settings list secure|global`: "name=value" lines (SettingsService's list; the shape AndroidQF saves as settings_secure.txt). */
export function parseSettingsList(text: string): Record<string, string> {
  const settings: Record<string, string> = Object.create(null);
  for (const line of lines(text)) {
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const name = line.slice(0, eq);
    if (/^[A-Za-z0-9_.:-]+$/.test(name)) settings[name] = line.slice(eq + 1).trim();
  }
  return settings;
}

function component(text: string): Component | undefined {
  const slash = text.indexOf("/");
  if (slash <= 0) return undefined;
  const pkg = text.slice(0, slash);
  const cls = text.slice(slash + 1);
  if (!isPackageName(pkg) || !/^[A-Za-z0-9_.$]+$/.test(cls)) return undefined;
  return { package: pkg, component: `${pkg}/${cls}` };
}

/**
 * enabled_accessibility_services and enabled_notification_listeners: components joined by ":"
 * (Settings.Secure; the value "null" or nothing when none).
 */
export function parseComponentList(value: string | undefined): Component[] {
  if (value === undefined) return [];
  return value
    .split(":")
    .map((part) => component(part.trim()))
    .filter((c): c is Component => c !== undefined);
}

/**
 * `dumpsys device_policy`: DevicePolicyManagerService prints "Enabled Device Admins (User N,
 * provisioningState: S):" and, indented under it, each admin as "pkg/.Receiver:" (older
 * releases) or "admin=ComponentInfo{pkg/cls}"; "Device Owner:" and "Profile Owner (User N):"
 * blocks name theirs as "admin=ComponentInfo{...}".
 */
export interface DeviceAdmin extends Component {
  owner: "device" | "profile" | null;
}

export function parseDeviceAdmins(text: string): DeviceAdmin[] {
  const admins = new Map<string, DeviceAdmin>();
  let section: { indent: number; owner: DeviceAdmin["owner"] } | undefined;
  for (const line of lines(text)) {
    if (line.trim() === "") continue;
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (section && indent <= section.indent) section = undefined;
    if (/^Enabled Device Admins\b/.test(trimmed)) section = { indent, owner: null };
    else if (/^Device Owner\b/.test(trimmed)) section = { indent, owner: "device" };
    else if (/^Profile Owner\b/.test(trimmed)) section = { indent, owner: "profile" };
    else if (section) {
      const info = /^admin=ComponentInfo\{([^}]+)\}$/.exec(trimmed)?.[1];
      const bare = /^([^\s:]+\/[^\s:]+):$/.exec(trimmed)?.[1];
      const found = component(info ?? bare ?? "");
      if (found) {
        const before = admins.get(found.component);
        admins.set(found.component, { ...found, owner: before?.owner ?? section.owner });
      }
    }
  }
  return [...admins.values()];
}

/**
 * `appops query-op OP allow`: one package name a line, or "No operations." (AppOpsService's
 * shell command). undefined when the phone did not know the command or the operation.
 */
export function parseAppOpsQuery(text: string): string[] | undefined {
  const names: string[] = [];
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (line === "" || line === "No operations.") continue;
    if (/^(Error|Unknown|usage|java\.|Exception)/i.test(line)) return undefined;
    if (isPackageName(line)) names.push(line);
  }
  return names;
}

/** certificates.txt (written by harden --collect): "PACKAGE SHA1" a line; # starts a comment. */
export function parseCertificates(text: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const raw of lines(text)) {
    const line = raw.replace(/#.*/, "").trim();
    const match = /^(\S+)\s+([0-9A-Fa-f]{40})$/.exec(line);
    if (!match || !isPackageName(match[1]!)) continue;
    const list = found.get(match[1]!) ?? [];
    list.push(match[2]!.toUpperCase());
    found.set(match[1]!, list);
  }
  return found;
}

/**
 * AndroidQF's packages.json (mvt-project/androidqf adb/packages.go: Package {name, files[],
 * installer, uid, disabled, system, third_party}; each file's certificate is apkverifier's
 * CertInfo, whose SHA-1 is "Sha1").
 */
export interface QfPackage {
  name: string;
  installer: string | null;
  system: boolean | null;
  certificates: string[];
}

export function parseAndroidQfPackages(text: string): QfPackage[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(data)) return undefined;
  const packages: QfPackage[] = [];
  for (const entry of data as unknown[]) {
    if (!entry || typeof entry !== "object") continue;
    const e = entry as Record<string, unknown>;
    if (typeof e.name !== "string" || !isPackageName(e.name)) continue;
    const installer = typeof e.installer === "string" && e.installer !== "null" && isPackageName(e.installer) ? e.installer : null;
    const certificates = new Set<string>();
    for (const file of Array.isArray(e.files) ? e.files : []) {
      const cert = (file as { certificate?: Record<string, unknown> } | null)?.certificate;
      const sha1 = cert && (cert.Sha1 ?? cert.sha1 ?? cert.SHA1);
      if (typeof sha1 === "string" && /^[0-9A-Fa-f]{40}$/.test(sha1)) certificates.add(sha1.toUpperCase());
    }
    packages.push({ name: e.name, installer, system: typeof e.system === "boolean" ? e.system : null, certificates: [...certificates] });
  }
  return packages;
}
