import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { breachOptions } from "../../../src/commands/passwordOptions.js";
import { UsageError } from "../../../src/errors.js";
import { testContext } from "../../helpers/context.js";

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function optionsWith(timeout: string | undefined) {
  const home = mkdtempSync(path.join(tmpdir(), "harden-options-"));
  homes.push(home);
  return breachOptions(testContext(home), { breach: true, timeout }, "sha1", "0.0.0-test");
}

describe("--timeout", () => {
  it.each([
    ["60", 60_000],
    ["1", 1000],
    ["0.5", 500],
    ["86400", 86_400_000],
  ])("takes %s seconds", (value, ms) => {
    expect(optionsWith(value)?.timeoutMs).toBe(ms);
  });

  it("leaves the client's default (60 s) when not given", () => {
    expect(optionsWith(undefined)?.timeoutMs).toBeUndefined();
  });

  it.each(["0", "-1", "abc", "", " ", "1s", "Infinity", "NaN", "86401"])("refuses %j as a usage error", (value) => {
    expect(() => optionsWith(value)).toThrow(UsageError);
    expect(() => optionsWith(value)).toThrow(`--timeout must be a number of seconds above 0 and at most 86400, such as 30 (got "${value}").`);
  });
});
