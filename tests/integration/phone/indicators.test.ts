import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { phoneCheckCommand, phoneIndicatorsCommand, phoneIndicatorsUpdateCommand } from "../../../src/commands/phone.js";
import { CouldNotCheckError, InvalidInputError, UsageError } from "../../../src/errors.js";
import { DATA_DIR } from "../../../src/phone/indicators.js";
import type { PhoneResult } from "../../../src/phone/results.js";
import { testContext } from "../../helpers/context.js";
import { FIXTURES, tempHomes } from "../../helpers/fixtures.js";

const home = tempHomes();
const info = (r: PhoneResult) => (r.kind === "phone-indicators" ? r.info : expect.fail(r.kind));

/** A newer ioc.yaml: one app only, whose package is on the clean fixture phone. */
const NEWER = `- name: NewSpy
  type: stalkerware
  packages:
  - com.whatsapp
  certificates:
  - 0123456789abcdef0123456789abcdef01234567
`;

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A real HTTP server on 127.0.0.1 answering every request with `status` and `body`. */
async function serve(status: number, body: string | Buffer): Promise<string> {
  server = createServer((_request, response) => {
    response.writeHead(status, { "content-type": "text/yaml" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/ioc.yaml`;
}

describe("harden phone indicators", () => {
  it("says which set is bundled: upstream commit, date and counts", async () => {
    const shown = info(await phoneIndicatorsCommand(testContext(home().env.HARDEN_HOME)));
    expect(shown).toMatchObject({ kind: "bundled", commit: "a04c5c1958bff93fec3b1b56edbb412b209f2a38", date: "2026-06-21" });
    expect(shown.counts).toEqual({ stalkerware: 147, watchware: 27, packages: 646, certificates: 486 });
  });

  it("updates from a local server: the new set is used by the check, and the watchware is kept", async () => {
    const { env } = home();
    const ctx = testContext(env.HARDEN_HOME);
    const url = await serve(200, NEWER);
    const updated = info(await phoneIndicatorsUpdateCommand(ctx, url));
    expect(updated).toMatchObject({ kind: "updated", from: url, commit: null, counts: { stalkerware: 1, watchware: 27 } });
    expect(info(await phoneIndicatorsCommand(ctx)).kind).toBe("updated");
    const check = await phoneCheckCommand(ctx, { from: path.join(FIXTURES, "phone", "clean") });
    expect(check.kind === "phone-check" && check.report.outcome.findings.map((f) => f.kind === "stalkerware" && f.app)).toEqual(["NewSpy"]);
  });

  it("keeps the set in use when the file is broken, the server fails or the body is too large", async () => {
    const { dir, env } = home();
    const ctx = testContext(env.HARDEN_HOME);
    await phoneIndicatorsUpdateCommand(ctx, await serve(200, NEWER));
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const broken = path.join(dir, "broken.yaml");
    writeFileSync(broken, "- name: Bad\n  type: spyware\n  packages:\n  - not a package\n");
    const error = await phoneIndicatorsUpdateCommand(ctx, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems).toEqual([`${broken}:2: [0].type: must be one of: stalkerware, watchware`, `${broken}:4: [0].packages[0]: is not in the expected form`]);
    const syntax = path.join(dir, "syntax.yaml");
    writeFileSync(syntax, "- name: [unclosed\n");
    await expect(phoneIndicatorsUpdateCommand(ctx, syntax)).rejects.toThrow(/not a valid stalkerware-indicators/);
    writeFileSync(syntax, "- name: Only watchware\n  type: watchware\n");
    await expect(phoneIndicatorsUpdateCommand(ctx, syntax)).rejects.toThrow(/no stalkerware entries/);
    await expect(phoneIndicatorsUpdateCommand(ctx, await serve(500, "oops"))).rejects.toBeInstanceOf(CouldNotCheckError);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    await expect(phoneIndicatorsUpdateCommand(ctx, await serve(200, Buffer.alloc(9 * 1024 * 1024, 0x61)))).rejects.toThrow(/far larger/);
    await expect(phoneIndicatorsUpdateCommand(ctx, "http://example.org/ioc.yaml")).rejects.toBeInstanceOf(UsageError);
    // Still the first update: nothing above replaced it.
    expect(info(await phoneIndicatorsCommand(ctx)).counts.stalkerware).toBe(1);
  });

  it("takes upstream's own ioc.yaml as an update", async () => {
    const ctx = testContext(home().env.HARDEN_HOME);
    const text = readFileSync(path.join(DATA_DIR, "ioc.yaml"), "utf8");
    expect(info(await phoneIndicatorsUpdateCommand(ctx, await serve(200, text))).counts).toEqual({ stalkerware: 147, watchware: 27, packages: 646, certificates: 486 });
    await expect(phoneIndicatorsUpdateCommand(testContext(home().env.HARDEN_HOME, { save: false }), "x.yaml")).rejects.toThrow(/without --no-save/);
  });
});
