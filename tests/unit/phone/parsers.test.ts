import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signingCertificates } from "../../../src/phone/apkSignature.js";
import {
  parseAndroidQfPackages,
  parseAppOpsQuery,
  parseCertificates,
  parseComponentList,
  parseDeviceAdmins,
  parseDevices,
  parseGetprop,
  parsePackageList,
  parsePackageNames,
  parseSettingsList,
} from "../../../src/phone/parsers.js";
import { FIXTURES } from "../../helpers/fixtures.js";
import { apkTail } from "../../fixtures/phone/apkTail.js";

const fixture = (dir: string, name: string) => readFileSync(path.join(FIXTURES, "phone", dir, name), "utf8");

describe("adb output parsers", () => {
  it("reads adb devices -l, with each state adb prints", () => {
    const text = [
      "* daemon not running; starting now at tcp:5037",
      "* daemon started successfully",
      "List of devices attached",
      "R58T000000X            device usb:1-1 product:a53xnseea model:SM_A536B device:a53x transport_id:1",
      "emulator-5554          unauthorized usb:1-2 transport_id:2",
      "0123456789ABCDEF       no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html] usb:1-3",
      "ZY22              offline",
      "",
    ].join("\n");
    expect(parseDevices(text)).toEqual([
      { serial: "R58T000000X", state: "device", model: "SM_A536B" },
      { serial: "emulator-5554", state: "unauthorized", model: null },
      { serial: "0123456789ABCDEF", state: "no permissions", model: null },
      { serial: "ZY22", state: "offline", model: null },
    ]);
    expect(parseDevices("List of devices attached\n\n")).toEqual([]);
  });

  it("reads getprop's [key]: [value] lines", () => {
    const props = parseGetprop(fixture("infected", "getprop.txt"));
    expect(props["ro.product.model"]).toBe("SM-A536B");
    expect(props["ro.build.version.security_patch"]).toBe("2024-03-05");
    expect(parseGetprop("[a]: []\r\n[b.c]: [x y]\n")).toEqual({ a: "", "b.c": "x y" });
  });

  it("reads pm list packages -f -i -U, with '=' inside the path and a null installer", () => {
    const list = parsePackageList(fixture("infected", "packages.txt"));
    expect(list).toHaveLength(8);
    expect(list.find((p) => p.name === "com.wifi0")).toEqual({
      name: "com.wifi0",
      path: "/data/app/~~V5jud4ex5-s8L3x2B4lvUA==/com.wifi0-q-C29yRZYy55N91XTD2EoA==/base.apk",
      installer: "com.android.packageinstaller",
      uid: 10155,
    });
    expect(list.find((p) => p.name === "com.android.battery.helper")?.installer).toBeNull();
    expect(parsePackageList("package:com.example  installer=null")).toEqual([{ name: "com.example", path: null, installer: null, uid: null }]);
    // -s and -3: names alone.
    expect(parsePackageNames(fixture("infected", "packages_system.txt"))).toEqual(["com.android.settings", "com.google.android.marvin.talkback", "com.android.vending"]);
    expect(parsePackageList("package:/data/app/x.apk=\npackage:com..bad\nError: unknown\n")).toEqual([]);
  });

  it("reads settings list as name=value, and the component lists in them", () => {
    const secure = parseSettingsList(fixture("infected", "settings_secure.txt"));
    expect(secure.install_non_market_apps).toBe("0");
    expect(parseComponentList(secure.enabled_accessibility_services).map((c) => c.package)).toEqual(["com.google.android.marvin.talkback", "com.wifi0", "com.example.keyboardhelper"]);
    expect(parseComponentList("null")).toEqual([]);
    expect(parseComponentList("")).toEqual([]);
    expect(parseComponentList(undefined)).toEqual([]);
    expect(parseComponentList("com.a/.S:garbage:/x:com.b/com.b.T")).toEqual([
      { package: "com.a", component: "com.a/.S" },
      { package: "com.b", component: "com.b/com.b.T" },
    ]);
  });

  it("reads device admins in both dump shapes, and device and profile owners", () => {
    expect(parseDeviceAdmins(fixture("infected", "dumpsys_device_policy.txt"))).toEqual([{ package: "com.wifi0", component: "com.wifi0/.receivers.DeviceAdmin", owner: null }]);
    expect(parseDeviceAdmins(fixture("clean", "dumpsys_device_policy.txt"))).toEqual([]);
    const owner = [
      "Current Device Policy Manager state:",
      "  Device Owner: ",
      "    admin=ComponentInfo{com.corp.mdm/com.corp.mdm.Admin}",
      "    name=",
      "    package=com.corp.mdm",
      "  Enabled Device Admins (User 0, provisioningState: 3):",
      "    admin=ComponentInfo{com.corp.mdm/com.corp.mdm.Admin}",
      "  Registered Package list:",
      "    12: com.android.chrome",
    ].join("\n");
    expect(parseDeviceAdmins(owner)).toEqual([{ package: "com.corp.mdm", component: "com.corp.mdm/com.corp.mdm.Admin", owner: "device" }]);
  });

  it("reads appops query-op: packages, No operations., or not known", () => {
    expect(parseAppOpsQuery(fixture("infected", "appops_SYSTEM_ALERT_WINDOW.txt"))).toEqual(["com.wifi0", "com.whatsapp"]);
    expect(parseAppOpsQuery("No operations.\n")).toEqual([]);
    expect(parseAppOpsQuery("Error: Unknown operation string: GET_USAGE_STATS\n")).toBeUndefined();
  });

  it("reads certificates.txt and AndroidQF's packages.json", () => {
    expect(parseCertificates(fixture("infected", "certificates.txt")).get("com.android.battery.helper")).toEqual(["31A6ECECD97CF39BC4126B8745CD94A7C30BF81C"]);
    const qf = parseAndroidQfPackages(fixture("androidqf", "packages.json"))!;
    expect(qf.find((p) => p.name === "com.android.battery.helper")).toEqual({ name: "com.android.battery.helper", installer: null, system: false, certificates: ["31A6ECECD97CF39BC4126B8745CD94A7C30BF81C"] });
    expect(parseAndroidQfPackages("not json")).toBeUndefined();
    expect(parseAndroidQfPackages('{"name":"x"}')).toBeUndefined();
  });

  it("never throws, whatever the phone prints (property)", () => {
    const parsers: Array<(text: string) => unknown> = [
      parseDevices,
      parseGetprop,
      parsePackageList,
      parseSettingsList,
      parseComponentList,
      parseDeviceAdmins,
      parseAppOpsQuery,
      parseCertificates,
      parseAndroidQfPackages,
    ];
    // Text made of the pieces adb output is made of, so the parsers' branches are reached.
    const pieces = fc.constantFrom("package:", "=", " installer=", "null", " uid:", "10123", "/", ".", ":", "[", "]", "{", "}", "\n", "  ", "com.a", "admin=ComponentInfo{", "Enabled Device Admins (User 0):", "Device Owner:", "No operations.", "\u0000", "é", "\r\n");
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.array(pieces, { maxLength: 60 }).map((p) => p.join("")), fc.json());
    fc.assert(
      fc.property(text, (input) => {
        for (const parse of parsers) parse(input);
      }),
      { numRuns: 400 },
    );
  });
});

describe("signing certificates from an APK's tail", () => {
  const cert = Buffer.from("a certificate's DER bytes");

  it("reads the SHA-1 of each certificate in the v2 block, from any tail that holds it", () => {
    const tail = apkTail([cert]);
    const [expected] = signingCertificates(tail)!;
    expect(expected).toMatch(/^[0-9A-F]{40}$/);
    expect(expected).toBe(createHash("sha1").update(cert).digest("hex").toUpperCase());
    expect(signingCertificates(tail.subarray(10))).toEqual([expected]);
  });

  it("reads the v3 block too, and gives nothing for a v1-only APK or a tail too short", () => {
    expect(signingCertificates(apkTail([cert], { id: 0xf05368c0 }))).toHaveLength(1);
    expect(signingCertificates(apkTail([cert], { id: 0x42726577 }))).toBeUndefined();
    expect(signingCertificates(apkTail([cert], { magic: "not the magic!!!" }))).toBeUndefined();
    const tail = apkTail([cert]);
    expect(signingCertificates(tail.subarray(tail.length - 40))).toBeUndefined();
  });

  it("never throws on damaged bytes (property)", () => {
    const good = apkTail([cert, Buffer.from("second")]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (random, at, byte) => {
        signingCertificates(Buffer.from(random));
        const damaged = Buffer.from(good);
        damaged[at] = byte;
        const got = signingCertificates(damaged);
        expect(got === undefined || got.every((c) => /^[0-9A-F]{40}$/.test(c))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
