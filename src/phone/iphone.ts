/** Whether an Apple device is plugged in over USB (on Linux, a USB device whose idVendor is 05ac). Read-only, and only on this computer. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const APPLE_VENDOR = "05ac";

export function appleDeviceConnected(root = "/sys/bus/usb/devices"): boolean {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return false;
  }
  return names.some((name) => {
    try {
      return readFileSync(path.join(root, name, "idVendor"), "utf8").trim().toLowerCase() === APPLE_VENDOR;
    } catch {
      return false;
    }
  });
}

/** The checklist items that apply to an iPhone when its apps cannot be read: Safety Check, device management profiles, the devices on the Apple Account. */
export const IPHONE_ITEMS = ["phone.safety-check-iphone", "apple.safety-check", "phone.device-management", "phone.apple-account-devices", "apple.devices"];
