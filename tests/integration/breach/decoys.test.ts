import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decoyBatchSize } from "../../../src/breach/batch.js";
import { sha1Hex } from "../../../src/breach/hash.js";
import { createRangeClient } from "../../../src/breach/rangeClient.js";
import { knownEntries, KNOWN_PASSWORDS, ABSENT_PASSWORD } from "../../fixtures/breach/datasets.js";
import { serveEntries, startRangeServer } from "../../fixtures/breach/rangeServer.js";
import { runHarden } from "../../helpers/run.js";
import { tempHomes } from "../../helpers/fixtures.js";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function server() {
  const s = await startRangeServer(serveEntries(await knownEntries("sha1")));
  closers.push(() => s.close());
  return s;
}

const prefixes = (s: { requests: { url: string }[] }) => s.requests.map((r) => r.url.replace(/^\/range\//, "").replace(/\?.*$/, ""));
const hashes = [...KNOWN_PASSWORDS.map(([p]) => sha1Hex(p)), sha1Hex(ABSENT_PASSWORD)];
const homes = tempHomes();

describe("decoys", () => {
  it("N other prefixes per real one and more to a rounded count, all distinct, in random order; results the same as without", async () => {
    const plain = await server();
    const client = createRangeClient({ version: "test", baseUrl: plain.baseUrl });
    const without = await client.checkMany(hashes);
    await client.close();
    expect(plain.requests).toHaveLength(hashes.length);

    const hidden = await server();
    const real = new Set(hashes.map((h) => h.slice(0, 5)));
    const decoyClient = createRangeClient({ version: "test", baseUrl: hidden.baseUrl, decoys: 3, concurrency: 1 });
    const withDecoys = await decoyClient.checkMany(hashes);
    await decoyClient.close();
    expect(withDecoys).toEqual(without);
    const sent = prefixes(hidden);
    expect(sent).toHaveLength(decoyBatchSize(real.size, 3));
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.every((p) => /^[0-9A-F]{5}$/.test(p))).toBe(true);
    // Each decoy request looks like a real one.
    expect(new Set(hidden.requests.map((r) => JSON.stringify([r.headers["add-padding"], r.headers["user-agent"]]))).size).toBe(1);
    // Real prefixes are spread among the decoys, not sent first (chance of that by luck: 1 in 8.5 million).
    const positions = sent.flatMap((p, i) => (real.has(p) ? [i] : []));
    expect(positions).toHaveLength(real.size);
    expect(positions).not.toEqual([...Array(real.size).keys()]);
  });

  it("harden password --decoys 2: 3 requests for each of 4 rounded passwords; config set decoys applies without the flag", async () => {
    const s = await server();
    const { env } = homes();
    const input = `${KNOWN_PASSWORDS[0]![0]}\n${ABSENT_PASSWORD}\n`;
    const a = await runHarden(["password", "--stdin", "--no-strength", "--range-url", s.baseUrl, "--decoys", "2", "--json"], { env, input });
    expect(a.code).toBe(1);
    expect(s.requests).toHaveLength(12);
    const b = await runHarden(["password", "--stdin", "--no-strength", "--range-url", s.baseUrl, "--json"], { env, input });
    expect(JSON.parse(b.stdout).results).toEqual(JSON.parse(a.stdout).results);
    expect(s.requests).toHaveLength(14);
    expect((await runHarden(["config", "set", "decoys", "3"], { env })).code).toBe(0);
    const c = await runHarden(["password", "--stdin", "--no-strength", "--range-url", s.baseUrl], { env, input });
    expect(s.requests).toHaveLength(30);
    // Said in words, and in the JSON; not at all without decoys.
    expect(c.stdout).toContain("With each real prefix, 3 other ones were asked for too, and a few more, all in a random order");
    expect(JSON.parse(a.stdout).decoys).toBe(2);
    expect(JSON.parse(b.stdout).decoys).toBeUndefined();
    expect((await runHarden(["password", "--stdin", "--decoys", "99", "--range-url", s.baseUrl], { env, input })).code).toBe(2);
    for (const bad of ["-1", "1e1", "0x10", "0b11", "1.5", ""]) expect([bad, (await runHarden(["config", "set", "decoys", bad], { env })).code]).toEqual([bad, 2]);
  });

  it("the same passwords go with the same decoys from run to run (the key kept in harden's folder); another folder, others", async () => {
    const s = await server();
    const input = `${KNOWN_PASSWORDS[0]![0]}\n`;
    const sent = async (env: Record<string, string>, args: string[] = []) => {
      const from = s.requests.length;
      const r = await runHarden(["password", "--stdin", "--no-strength", "--range-url", s.baseUrl, "--decoys", "3", ...args], { env, input });
      expect(r.code).toBe(1);
      return { prefixes: new Set(prefixes({ requests: s.requests.slice(from) })), stderr: r.stderr };
    };
    const { env } = homes();
    const first = await sent(env);
    const second = await sent(env);
    const shared = [...first.prefixes].filter((p) => second.prefixes.has(p));
    // The same 16 prefixes each run: the real one, its decoys and the rounding's, all from the key.
    expect(first.prefixes.size).toBe(16);
    expect(shared).toHaveLength(16);
    expect(shared).toContain(sha1Hex(KNOWN_PASSWORDS[0]![0]).slice(0, 5));
    expect(statSync(path.join(env.HARDEN_HOME, "decoy-key")).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(env.HARDEN_HOME, "decoy-key"), "latin1")).toMatch(/^[0-9a-f]{64}\n$/);
    // --no-save reads the saved key and writes nothing.
    const third = await sent(env, ["--no-save"]);
    expect(shared.every((p) => third.prefixes.has(p))).toBe(true);
    expect(third.stderr).not.toContain("decoy");
    const other = await sent(homes().env);
    expect([...first.prefixes].filter((p) => other.prefixes.has(p)).length).toBeLessThanOrEqual(2);
    // With nothing saved and --no-save there can be no key: refused before anything is sent.
    const before = s.requests.length;
    const refused = await runHarden(["password", "--stdin", "--no-strength", "--range-url", s.baseUrl, "--decoys", "3", "--no-save"], { env: homes().env, input });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("With --no-save, harden cannot make its decoy key");
    expect(s.requests.length).toBe(before);
  });

  it("harden scan --decoys 1: two requests for each of 4 rounded prefixes, same results", async () => {
    const s = await server();
    const { env } = homes();
    const csv = `name,url,username,password,note\na,https://a.example,u1,${KNOWN_PASSWORDS[0]![0]},\nb,https://b.example,u2,${ABSENT_PASSWORD},\n`;
    const a = await runHarden(["scan", "-", "--no-strength", "--range-url", s.baseUrl, "--json"], { env, input: csv });
    expect(s.requests).toHaveLength(2);
    const b = await runHarden(["scan", "-", "--no-strength", "--range-url", s.baseUrl, "--json", "--decoys", "1"], { env, input: csv });
    expect(s.requests).toHaveLength(2 + decoyBatchSize(2, 1));
    expect(JSON.parse(b.stdout).entries).toEqual(JSON.parse(a.stdout).entries);
    expect(JSON.parse(b.stdout).decoys).toBe(1);
    expect(b.code).toBe(a.code);
  });
});
