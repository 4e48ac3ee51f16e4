/**
 * The README's nginx configuration, as printed there, serving folders like the ones `harden data
 * download` writes, run with Debian's nginx-light (.ci/run installs it) and asked by the built CLI:
 * `harden password --range-url` and `harden data download --range-url` from it as a mirror.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { readFile, utimes, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HASH_LENGTH, PREFIX_LENGTH, hashPassword, type HashMode } from "../../src/breach/hash.js";
import {
  ABSENT_PASSWORD,
  KNOWN_PASSWORDS,
  formatLines,
  knownEntries,
  randomEntries,
  randomHex,
  sortEntries,
  withNeighbours,
  writePrefixFolder,
  type Entry,
} from "../fixtures/breach/datasets.js";
import { ROOT, tempDir, tempHomes } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";

const NGINX = "/usr/sbin/nginx";
const hasNginx = existsSync(NGINX);
if (!hasNginx) console.warn(`Skipping the nginx tests: ${NGINX} is not installed (apt-get install -y nginx-light).`);

/** The README's nginx block: what a reader copies. Missing or reworded, the test fails rather than tests something else. */
function readmeNginxBlock(): string {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const match = /nginx \(tested\s+with\s+nginx-light\s+1\.22\s+from\s+Debian[\s\S]*?```nginx\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no ```nginx block after "nginx (tested with nginx-light 1.22 from Debian": the test checks the README\'s own text');
  return match[1]!;
}

/** The block with its port and data folders replaced; each must be there, or the test would not be testing it. */
function adapt(block: string, port: number, sha1Dir: string, ntlmDir: string): string {
  const replacements: Array<[string, string]> = [
    ["listen 8787;", `listen 127.0.0.1:${port};`],
    // The longer name first: /srv/pwned is a prefix of it.
    ["/srv/pwned-ntlm", ntlmDir],
    ["/srv/pwned", sha1Dir],
  ];
  let text = block;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`the README's nginx block no longer contains "${from}"`);
    text = text.split(from).join(to);
  }
  return text;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Every prefix of a small range, as the real data has: a download of that range from nginx is complete. */
function fullRange(mode: HashMode, count: number): Entry[] {
  return Array.from({ length: count }, (_, n): Entry => [`${n.toString(16).toUpperCase().padStart(PREFIX_LENGTH, "0")}${randomHex(HASH_LENGTH[mode] - PREFIX_LENGTH)}`, 1 + n]);
}

const RANGE_SHA1 = 64; // 00000-0003F
const RANGE_NTLM = 16; // 00000-0000F
const BAD_PREFIX = "The hash prefix was not in a valid format";

let work: { dir: string; cleanup: () => void };
let sha1Dir = "";
let ntlmDir = "";
const homes = tempHomes();
let nginx: ChildProcess | undefined;
let nginxLog = "";
let base = "";
let sha1Prefixes = new Set<string>();
let ntlmPrefixes = new Set<string>();

async function startNginx(): Promise<void> {
  const port = await freePort();
  const tmp = (name: string) => path.join(work.dir, name);
  const conf = [
    // As root, nginx's workers would otherwise be nobody, who cannot read the temp folder.
    process.getuid?.() === 0 ? "user root;" : "",
    "events {}",
    "http {",
    "    access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `    ${kind}_temp_path ${tmp(`${kind}_temp`)};`),
    // What Debian's /etc/nginx/mime.types says for these files.
    "    types { text/plain txt; }",
    adapt(readmeNginxBlock(), port, sha1Dir, ntlmDir),
    "}",
    "",
  ].join("\n");
  await writeFile(tmp("nginx.conf"), conf);
  const child = spawn(NGINX, ["-p", `${work.dir}/`, "-e", "stderr", "-c", tmp("nginx.conf"), "-g", `daemon off; pid ${tmp("nginx.pid")}; error_log stderr;`], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  nginx = child;
  child.stderr!.on("data", (d) => (nginxLog += d));
  let ended = false;
  child.on("close", () => (ended = true));
  base = `http://127.0.0.1:${port}/range/`;
  // Any HTTP answer means it is listening.
  for (const until = Date.now() + 10_000; Date.now() < until; ) {
    if (ended) throw new Error(`nginx ended at start:\n${nginxLog}\n${conf}`);
    try {
      await (await fetch(`${base}00000`)).arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`nginx did not answer on ${base} within 10 s:\n${nginxLog}`);
}

async function stopNginx(): Promise<void> {
  const child = nginx;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((resolve) => child.on("close", resolve));
  // TERM is nginx's fast shutdown; its master then stops its worker (a KILL would leave the worker running).
  child.kill("SIGTERM");
  await closed;
}

/** A password (read only through stdin) whose SHA-1 prefix has no file in the folder. */
async function passwordWithoutRange(): Promise<string> {
  for (;;) {
    const password = `harden nginx test ${randomHex(12)}`;
    if (!sha1Prefixes.has((await hashPassword(password, "sha1")).slice(0, PREFIX_LENGTH))) return password;
  }
}

const fileOf = (dir: string, prefix: string) => readFile(path.join(dir, `${prefix}.txt`), "utf8");
const rangeFiles = (dir: string) => readdirSync(dir).filter((n) => /^[0-9A-F]{5}\.txt$/.test(n)).sort();

describe.skipIf(!hasNginx)("the README's nginx configuration, asked by harden's client", () => {
  beforeAll(async () => {
    work = tempDir("harden-nginx-");
    sha1Dir = path.join(work.dir, "pwned");
    ntlmDir = path.join(work.dir, "pwned-ntlm");
    const absent = await hashPassword(ABSENT_PASSWORD, "sha1");
    // Sorted, as the real service's answers are (and as harden writes them).
    const sha1 = withNeighbours([...(await knownEntries("sha1")), ...randomEntries("sha1", 100), ...fullRange("sha1", RANGE_SHA1)], [absent]);
    sha1Prefixes = new Set(await writePrefixFolder(sha1Dir, sortEntries(sha1)));
    ntlmPrefixes = new Set(await writePrefixFolder(ntlmDir, sortEntries([...(await knownEntries("ntlm")), ...randomEntries("ntlm", 100), ...fullRange("ntlm", RANGE_NTLM)])));
    await startNginx();
  });
  afterAll(async () => {
    await stopNginx();
    work?.cleanup();
  });

  it("harden password: a known password found with its count, an absent one not found, a prefix without a file could not check", async () => {
    const { env } = homes();
    const [password, count] = KNOWN_PASSWORDS[0]!;
    const r = await runHarden(["password", "--stdin", "--no-strength", "--range-url", base, "--json"], { env, input: `${password}\n${ABSENT_PASSWORD}\n` });
    expect(r.stderr).toContain("plain http://");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { breach: { status: string; count: number } }) => [x.breach.status, x.breach.count])).toEqual([
      ["found", count],
      ["not-found", 0],
    ]);
    const lacking = await runHarden(["password", "--stdin", "--no-strength", "--range-url", base, "--json"], { env, input: `${await passwordWithoutRange()}\n` });
    expect(lacking.code).toBe(3);
    expect(JSON.parse(lacking.stdout).results[0].breach).toMatchObject({ status: "unknown", reason: expect.stringContaining("404") });
  });

  it("answers a range as the real service does: the file's upper-case lines joined by CRLF, text/plain, Content-Length, an ETag", async () => {
    const prefix = (await hashPassword(KNOWN_PASSWORDS[1]![0], "sha1")).slice(0, PREFIX_LENGTH);
    const response = await fetch(`${base}${prefix}`, { headers: { "add-padding": "true" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain\b/);
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const body = await response.text();
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
    expect(body).toBe(await fileOf(sha1Dir, prefix));
    expect(body).toMatch(/^[0-9A-F]{35}:\d+(\r\n[0-9A-F]{35}:\d+)*$/);
  });

  it("400 with the real service's message for a prefix that is not 5 upper-case hex digits", async () => {
    for (const bad of ["0000G", "000000", "0000", "", "abcde", "0000%2F", "00000.txt", "0000G?mode=ntlm"]) {
      const response = await fetch(`${base}${bad}`);
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
      expect(await response.text()).toContain(BAD_PREFIX);
    }
  });

  it("?mode=ntlm answers from the NTLM folder, without it from the SHA-1 folder: harden password --ntlm finds a known password", async () => {
    const { env } = homes();
    const [password, count] = KNOWN_PASSWORDS[2]!;
    const r = await runHarden(["password", "--stdin", "--ntlm", "--no-strength", "--range-url", base, "--json"], { env, input: `${password}\n` });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results[0].breach).toMatchObject({ status: "found", count });
    const ntlmOnly = [...ntlmPrefixes].find((p) => !sha1Prefixes.has(p))!;
    const asNtlm = await fetch(`${base}${ntlmOnly}?mode=ntlm`);
    expect(asNtlm.status).toBe(200);
    expect(await asNtlm.text()).toBe(await fileOf(ntlmDir, ntlmOnly));
    expect((await fetch(`${base}${ntlmOnly}`)).status).toBe(404);
    const both = "00000";
    expect(await (await fetch(`${base}${both}?mode=ntlm`)).text()).toBe(await fileOf(ntlmDir, both));
    expect(await (await fetch(`${base}${both}`)).text()).toBe(await fileOf(sha1Dir, both));
  });

  it("harden data download mirrors it; a second run asks with If-None-Match and reports 0 changed; a changed file is fetched again", async () => {
    const { dir, env } = homes();
    const mirror = path.join(dir, "mirror");
    const last = (RANGE_SHA1 - 1).toString(16).toUpperCase().padStart(PREFIX_LENGTH, "0");
    const args = ["data", "download", mirror, "--range-url", base, "--prefixes", `00000-${last}`, "--json"];
    const first = await runHarden(args, { env });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ complete: true, fetched: RANGE_SHA1 });
    expect(rangeFiles(mirror)).toHaveLength(RANGE_SHA1);
    for (const name of rangeFiles(mirror)) expect(await readFile(path.join(mirror, name), "utf8")).toBe(await readFile(path.join(sha1Dir, name), "utf8"));

    const again = await runHarden(args, { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ complete: true, refresh: true, unchanged: RANGE_SHA1, changed: 0, fetched: 0 });

    // nginx's ETag is the file's time and size: a new body with a later time is a new ETag.
    const changed = path.join(sha1Dir, "00005.txt");
    await writeFile(changed, formatLines(sortEntries([[randomHex(35), 7], [randomHex(35), 8]])));
    const later = new Date(Date.now() + 60_000);
    await utimes(changed, later, later);
    const refresh = await runHarden(args, { env });
    expect(refresh.code).toBe(0);
    expect(JSON.parse(refresh.stdout)).toMatchObject({ complete: true, refresh: true, unchanged: RANGE_SHA1 - 1, changed: 1, fetched: 1 });
    expect(await fileOf(mirror, "00005")).toBe(await readFile(changed, "utf8"));
  }, 30_000);

  it("harden data download --ntlm mirrors the NTLM folder", async () => {
    const { dir, env } = homes();
    const mirror = path.join(dir, "mirror-ntlm");
    const last = (RANGE_NTLM - 1).toString(16).toUpperCase().padStart(PREFIX_LENGTH, "0");
    const r = await runHarden(["data", "download", mirror, "--ntlm", "--range-url", base, "--prefixes", `00000-${last}`, "--json"], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ complete: true, fetched: RANGE_NTLM });
    for (const name of rangeFiles(mirror)) expect(await readFile(path.join(mirror, name), "utf8")).toBe(await readFile(path.join(ntlmDir, name), "utf8"));
    expect(rangeFiles(mirror)).toHaveLength(RANGE_NTLM);
  });
});
