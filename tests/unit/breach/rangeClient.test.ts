import { describe, expect, it } from "vitest";
import { parseRetryAfterMs, readLimitedBytes } from "../../../src/breach/rangeClient.js";

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

describe("readLimitedBytes", () => {
  async function* chunks(...parts: string[]) {
    for (const part of parts) yield Buffer.from(part);
  }

  it("gathers the body in a reused buffer, growing it when the body is bigger, and refuses one past the limit", async () => {
    const into = { buffer: Buffer.alloc(4) };
    expect((await readLimitedBytes(chunks("ab", "cdef", "ghijk"), 100, into))!.toString()).toBe("abcdefghijk");
    expect(into.buffer.length).toBeGreaterThanOrEqual(11);
    const grown = into.buffer;
    // The next body reuses it, and the answer is a view of it.
    const next = await readLimitedBytes(chunks("xyz"), 100, into);
    expect(next!.toString()).toBe("xyz");
    expect(into.buffer).toBe(grown);
    expect(next!.buffer).toBe(grown.buffer);
    expect(await readLimitedBytes(chunks("abc", "def"), 5, into)).toBeUndefined();
    expect((await readLimitedBytes(chunks("ab", "cd"), 100))!.toString()).toBe("abcd");
  });
});
