import { describe, expect, it } from "vitest";
import { checkPhone, type PhoneData, type PhonePackage } from "../../../src/phone/check.js";
import type { IndicatorApp } from "../../../src/phone/indicators.js";

const APPS: IndicatorApp[] = [
  { name: "SpyApp", type: "stalkerware", packages: ["com.spy"], certificates: ["A".repeat(40)] },
  { name: "FamilyTracker", type: "watchware", packages: ["com.family"], certificates: [] },
];

const pkg = (name: string, installer: string | null, system: boolean | null = false, certificates: string[] = []): PhonePackage => ({ name, installer, system, certificates });

function phone(change: Partial<PhoneData> = {}): PhoneData {
  return {
    device: { model: "X", manufacturer: "Y", android: "14", securityPatch: "2024-01-01", serial: null },
    packages: [pkg("com.android.settings", null, true), pkg("com.store.app", "com.android.vending")],
    accessibility: [],
    notificationListeners: [],
    admins: [],
    overlay: [],
    usageStats: [],
    settings: { unknownSources: "0", playProtect: "1", verifyAdbInstalls: "1" },
    certificatesRead: true,
    ...change,
  };
}

describe("the phone check", () => {
  it("finds nothing on a clean phone, and says so only when every essential part was read", () => {
    expect(checkPhone(phone(), APPS)).toMatchObject({ findings: [], status: "clean", notChecked: [] });
    expect(checkPhone(phone({ admins: null }), APPS)).toMatchObject({ findings: [], status: "incomplete", notChecked: ["device-admins"] });
    expect(checkPhone(phone({ packages: null }), APPS).status).toBe("incomplete");
    // Optional parts missing still allow "nothing found", and are listed.
    expect(checkPhone(phone({ overlay: null, certificatesRead: false }), APPS)).toMatchObject({ status: "clean", notChecked: ["overlay", "certificates"] });
  });

  it("finds stalkerware by package name or by certificate, with the rights it holds", () => {
    const data = phone({
      packages: [pkg("com.spy", null), pkg("com.innocent.name", null, false, ["A".repeat(40)])],
      accessibility: [{ package: "com.spy", component: "com.spy/.A" }],
      admins: [{ package: "com.spy", component: "com.spy/.D", owner: null }],
    });
    const { findings, status } = checkPhone(data, APPS);
    expect(status).toBe("found");
    expect(findings).toEqual([
      { kind: "stalkerware", app: "SpyApp", package: "com.innocent.name", matchedBy: ["certificate"], certificate: "A".repeat(40), rights: [], installer: null, source: "ioc.yaml" },
      { kind: "stalkerware", app: "SpyApp", package: "com.spy", matchedBy: ["package"], certificate: null, rights: ["accessibility", "device-admin"], installer: null, source: "ioc.yaml" },
    ]);
  });

  it("finds an app the package list missed through the services that name it", () => {
    const { findings } = checkPhone(phone({ notificationListeners: [{ package: "com.spy", component: "com.spy/.N" }] }), APPS);
    expect(findings.map((f) => [f.kind, f.package])).toEqual([["stalkerware", "com.spy"]]);
  });

  it("reports watchware as watchware", () => {
    const { findings } = checkPhone(phone({ packages: [pkg("com.family", "com.android.vending")] }), APPS);
    expect(findings).toMatchObject([{ kind: "watchware", app: "FamilyTracker", source: "watchware.yaml" }]);
  });

  it("flags sideloaded apps with accessibility, admin or notification rights, not store or built-in ones", () => {
    const data = phone({
      packages: [pkg("com.side", "com.google.android.packageinstaller"), pkg("com.store", "com.android.vending"), pkg("com.builtin", null, true), pkg("com.adb", null)],
      accessibility: [
        { package: "com.side", component: "com.side/.A" },
        { package: "com.store", component: "com.store/.A" },
        { package: "com.builtin", component: "com.builtin/.A" },
      ],
      admins: [{ package: "com.adb", component: "com.adb/.D", owner: null }],
      notificationListeners: [{ package: "com.side", component: "com.side/.N" }],
    });
    const looks = checkPhone(data, APPS).findings.map((f) => (f.kind === "worth-a-look" ? [f.reason, f.package] : [f.kind]));
    expect(looks).toEqual([
      ["sideloaded-accessibility", "com.side"],
      ["sideloaded-admin", "com.adb"],
      ["outside-store-notification-listener", "com.side"],
    ]);
  });

  it("flags Play Protect off, unknown sources and unchecked computer installs", () => {
    const { findings } = checkPhone(phone({ settings: { playProtect: "0", unknownSources: "1", verifyAdbInstalls: "0" } }), APPS);
    expect(findings.map((f) => (f.kind === "worth-a-look" ? f.reason : f.kind))).toEqual(["play-protect-off", "unknown-sources", "adb-installs-unverified"]);
    // A setting the phone did not give is not a finding.
    expect(checkPhone(phone({ settings: { playProtect: null, unknownSources: null, verifyAdbInstalls: null } }), APPS).findings).toEqual([]);
  });

  it("counts the apps from outside the phone whose certificate could not be read", () => {
    const outcome = checkPhone(phone({ packages: [pkg("com.a", "com.android.vending"), pkg("com.b", "com.android.vending", false, ["B".repeat(40)]), pkg("com.sys", null, true)] }), APPS);
    expect(outcome.certificatesMissing).toBe(1);
    expect(outcome.counts).toEqual({ packages: 3, notSystem: 2 });
  });
});
