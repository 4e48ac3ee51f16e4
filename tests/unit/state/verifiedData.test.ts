import { readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fingerprintOf, recordVerified, VERIFIED_DATA_FILE, wasVerified } from "../../../src/state/verifiedData.js";
import { tempDir } from "../../helpers/fixtures.js";

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

function setup() {
  const t = tempDir();
  cleanup = t.cleanup;
  const home = path.join(t.dir, "home");
  const data = path.join(t.dir, "data.txt");
  writeFileSync(data, `${"A".repeat(40)}:1\n`);
  const record = () => ({ ...fingerprintOf(data), format: "sorted-file", mode: "sha1", verifiedAt: "2026-11-25T12:00:00.000Z" });
  return { dir: t.dir, home, data, record };
}

describe("the record of verified data", () => {
  it("holds data as it was verified, by absolute path, in a private file, with no temporary file left", () => {
    const { dir, home, data, record } = setup();
    expect(wasVerified(home, data)).toBe(false);
    recordVerified(home, data, record());
    expect(wasVerified(home, data)).toBe(true);
    expect(wasVerified(home, path.relative(process.cwd(), data))).toBe(true);
    expect(wasVerified(home, path.join(dir, "other.txt"))).toBe(false);
    expect(statSync(path.join(home, VERIFIED_DATA_FILE)).mode & 0o777).toBe(0o600);
    expect(readdirSync(home)).toEqual([VERIFIED_DATA_FILE]);
  });

  it("counts changed data as never verified: a new size or a new modification time", () => {
    const { home, data, record } = setup();
    recordVerified(home, data, record());
    utimesSync(data, new Date(), new Date(Date.now() + 5000));
    expect(wasVerified(home, data)).toBe(false);
    recordVerified(home, data, record());
    writeFileSync(data, `${"A".repeat(40)}:12\n`);
    utimesSync(data, statSync(data).atime, new Date(record().mtimeMs));
    expect(wasVerified(home, data)).toBe(false);
  });

  it("reads a broken record file as none, and replaces it at the next verification", () => {
    const { home, data, record } = setup();
    recordVerified(home, data, record());
    writeFileSync(path.join(home, VERIFIED_DATA_FILE), "{ not json");
    expect(wasVerified(home, data)).toBe(false);
    recordVerified(home, data, record());
    expect(wasVerified(home, data)).toBe(true);
  });
});
