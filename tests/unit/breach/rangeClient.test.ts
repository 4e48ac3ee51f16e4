import { describe, expect, it } from "vitest";
import { parseRetryAfterMs } from "../../../src/breach/rangeClient.js";

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");

  it("reads whole seconds", () => {
    expect(parseRetryAfterMs("3", 60_000, now)).toBe(3000);
    expect(parseRetryAfterMs(" 0 ", 60_000, now)).toBe(0);
  });

  it("reads an HTTP date", () => {
    expect(parseRetryAfterMs("Wed, 25 Nov 2026 12:00:05 GMT", 60_000, now)).toBe(5000);
    expect(parseRetryAfterMs("Wed, 25 Nov 2026 11:00:00 GMT", 60_000, now)).toBe(0);
  });

  it("caps what it is asked to wait", () => {
    expect(parseRetryAfterMs("3600", 20_000, now)).toBe(20_000);
  });

  it("ignores what it cannot read", () => {
    expect(parseRetryAfterMs(undefined, 20_000, now)).toBeUndefined();
    expect(parseRetryAfterMs("soon", 20_000, now)).toBeUndefined();
    expect(parseRetryAfterMs("-5", 20_000, now)).toBeUndefined();
  });
});
