import { createHash } from "node:crypto";
import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readEvidence, recordEvidence, verifyEvidence } from "../../../src/evidence/log.js";
import { tempDir } from "../../helpers/fixtures.js";

let cleanup = () => {};
afterEach(() => cleanup());

const NOW = new Date(Date.UTC(2026, 10, 25, 12, 0, 0));

function setUp() {
  const t = tempDir("harden-evidence-");
  cleanup = t.cleanup;
  const shot = path.join(t.dir, "shot.png");
  writeFileSync(shot, "pixels");
  return { dir: path.join(t.dir, "state", "evidence"), root: t.dir, shot };
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe("evidence log on disk", () => {
  it("appends private entries and verifies them", async () => {
    const { dir, shot } = setUp();
    const first = await recordEvidence(dir, { now: NOW, note: "first", files: [shot], copy: false });
    const second = await recordEvidence(dir, { now: NOW, note: "second", files: [], copy: false });
    expect(first.files).toEqual([{ path: shot, sha256: createHash("sha256").update("pixels").digest("hex"), size: 6, copy: null }]);
    expect(second.prevHash).toBe(first.hash);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, "log.jsonl"))).toBe(0o600);
    expect(mode(path.join(dir, "head.json"))).toBe(0o600);
    expect(readFileSync(path.join(dir, "log.jsonl"), "utf8").split("\n")).toHaveLength(3);
    expect(await verifyEvidence(dir)).toMatchObject({ files: 1, findings: [], head: second.hash });
  });

  it("reports a changed file and a missing one", async () => {
    const { dir, shot, root } = setUp();
    const other = path.join(root, "chat.txt");
    writeFileSync(other, "messages");
    await recordEvidence(dir, { now: NOW, note: null, files: [shot, other], copy: false });
    appendFileSync(shot, "!");
    rmSync(other);
    expect((await verifyEvidence(dir)).findings).toMatchObject([
      { kind: "file-changed", line: 1, path: shot, copy: null, entry: { seq: 1, file: shot } },
      { kind: "file-missing", line: 1, path: other, copy: null, code: "ENOENT", entry: { seq: 1 } },
    ]);
  });

  it("never reads a kept copy through a link planted in its place", async () => {
    const { dir, shot, root } = setUp();
    const entry = await recordEvidence(dir, { now: NOW, note: null, files: [shot], copy: true });
    const copy = path.join(dir, "files", entry.files[0]!.copy!);
    const elsewhere = path.join(root, "elsewhere.png");
    renameSync(copy, elsewhere); // the same bytes, outside harden's folder, where they may change
    symlinkSync(elsewhere, copy);
    expect((await verifyEvidence(dir)).findings).toMatchObject([{ kind: "file-missing", line: 1, copy: entry.files[0]!.copy, code: "ELOOP" }]);
  });

  it("--copy keeps a private copy named by its hash, never by the original name", async () => {
    const { dir, shot, root } = setUp();
    const named = path.join(root, "what he did.SCREENSHOT");
    writeFileSync(named, "more pixels");
    const entry = await recordEvidence(dir, { now: NOW, note: null, files: [shot, named], copy: true });
    const [png, other] = entry.files;
    expect(png!.copy).toBe(`${png!.sha256}.png`);
    expect(other!.copy).toBe(other!.sha256); // a long extension could say what happened: dropped
    const files = path.join(dir, "files");
    expect(mode(files)).toBe(0o700);
    expect(readdirSync(files).sort()).toEqual([png!.copy, other!.copy].sort());
    expect(mode(path.join(files, png!.copy!))).toBe(0o600);
    expect(readFileSync(path.join(files, png!.copy!), "utf8")).toBe("pixels");

    // The copy is what is checked: the original may be deleted, but the copy may not change.
    rmSync(shot);
    expect((await verifyEvidence(dir)).findings).toEqual([]);
    writeFileSync(path.join(files, png!.copy!), "edited");
    expect((await verifyEvidence(dir)).findings).toMatchObject([{ kind: "file-changed", line: 1, path: shot, copy: png!.copy }]);
  });

  it("notices the newest entry cut off the end, through the head", async () => {
    const { dir } = setUp();
    await recordEvidence(dir, { now: NOW, note: "one", files: [], copy: false });
    await recordEvidence(dir, { now: NOW, note: "two", files: [], copy: false });
    const log = path.join(dir, "log.jsonl");
    writeFileSync(log, `${readFileSync(log, "utf8").split("\n")[0]}\n`);
    expect(await verifyEvidence(dir)).toMatchObject({ headFile: true, findings: [{ kind: "entry-removed-or-reordered", line: 2, how: "removed", removed: 1, after: { seq: 1, note: "one" }, cutOff: true }] });
    // With head.json gone too, nothing shows: the reason for a seal.
    rmSync(path.join(dir, "head.json"));
    expect(await verifyEvidence(dir)).toMatchObject({ headFile: false, findings: [] });
  });

  it("adds after a last line cut short without swallowing the new entry", async () => {
    const { dir } = setUp();
    await recordEvidence(dir, { now: NOW, note: "one", files: [], copy: false });
    appendFileSync(path.join(dir, "log.jsonl"), '{"at":"2026');
    const entry = await recordEvidence(dir, { now: NOW, note: "three", files: [], copy: false });
    expect(entry.seq).toBe(3);
    const { lines, findings } = await verifyEvidence(dir);
    expect(lines.map((l) => l.entry?.note ?? null)).toEqual(["one", null, "three"]);
    expect(findings).toEqual([{ kind: "entry-edited", line: 2 }]);
  });

  it("reading an empty log creates nothing", async () => {
    const { dir } = setUp();
    expect(await readEvidence(dir)).toEqual({ lines: [], head: null });
    expect(await verifyEvidence(dir)).toMatchObject({ files: 0, findings: [] });
    expect(existsSync(path.dirname(dir))).toBe(false);
  });
});
