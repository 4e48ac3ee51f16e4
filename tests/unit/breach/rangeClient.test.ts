import { describe, expect, it } from "vitest";
import { appendChunk } from "../../../src/breach/download.js";
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

  it("gathers the whole body, and refuses one past the limit", async () => {
    expect((await readLimitedBytes(chunks("ab", "cdef", "ghijk"), 100))!.toString()).toBe("abcdefghijk");
    expect((await readLimitedBytes(chunks("ab", "cd"), 4))!.toString()).toBe("abcd");
    expect(await readLimitedBytes(chunks("abc", "def"), 5)).toBeUndefined();
  });
});

describe("appendChunk (a download's answers, gathered in one reused buffer)", () => {
  it("grows the buffer when an answer is bigger, keeping what came before, never past the limit", () => {
    const scratch = { buffer: Buffer.alloc(4) };
    appendChunk(scratch, Buffer.from("ab"), 0, 100);
    appendChunk(scratch, Buffer.from("cdef"), 2, 100);
    appendChunk(scratch, Buffer.from("ghijk"), 6, 100);
    expect(scratch.buffer.subarray(0, 11).toString()).toBe("abcdefghijk");
    const grown = scratch.buffer;
    // The next answer reuses it.
    appendChunk(scratch, Buffer.from("xyz"), 0, 100);
    expect(scratch.buffer).toBe(grown);
    expect(scratch.buffer.subarray(0, 3).toString()).toBe("xyz");
    const capped = { buffer: Buffer.alloc(8) };
    appendChunk(capped, Buffer.from("0123456789"), 0, 10);
    expect(capped.buffer.length).toBe(10);
  });
});
