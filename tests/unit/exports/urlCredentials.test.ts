import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withoutCredentials } from "../../../src/exports/urlCredentials.js";

describe("credentials in export URLs", () => {
  it.each([
    ["https://admin:pass@host/", "https://host/"],
    ["https://admin:pass@host", "https://host"],
    ["https://admin@host/x", "https://host/x"],
    ["https://u:p@ss@host/", "https://host/"],
    ["https://admin:pa/ss@host/", "https://host/"],
    ["https://admin:p@ss/w@host/", "https://host/"],
    ["https://admin:pa?ss@host/", "https://host/"],
    ["https://a:p,w@host,https://b:q@h2", "https://host,https://h2"],
    ["Router https://admin:hunter2@192.168.0.1/", "Router https://192.168.0.1/"],
    ["https://admin:Rtr@192.168.0.1/,admin:Nas@nas.local", "https://192.168.0.1/,nas.local"],
    ["https://a:p,w@host", "https://host"],
    ["android://abc@com.app/", "android://com.app/"],
    // A scheme-relative address, as some managers store one.
    ["//admin:pass@host/", "//host/"],
    ["https://a/,//u:p@b/", "https://a/,//b/"],
    // Nothing to cut: an "@" in a path, a port, an IPv6 host.
    ["https://medium.com/@user", "https://medium.com/@user"],
    ["https://host:8080/@x", "https://host:8080/@x"],
    ["https://[::1]:8080/@x", "https://[::1]:8080/@x"],
    ["", ""],
  ])("%s -> %s", (input, expected) => {
    expect(withoutCredentials(input, { bare: true })).toBe(expected);
  });

  it("reads a field without a scheme as an address only when asked (URL fields, not names)", () => {
    expect(withoutCredentials("admin:pass@host/x", { bare: true })).toBe("host/x");
    expect(withoutCredentials("alice@example.com")).toBe("alice@example.com");
  });

  // "/", "?" and "#" cannot be written as such in a URL's password (they end the host part);
  // the examples above show the usual ones are cut anyway. Everything else, "@" and ":" included:
  it("no password that a URL can hold survives", () => {
    const text = (chars: string, minLength: number) => fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength: 16 });
    const pass = text("abcXYZ0189!$%&'()*+;=@:,~-._ ", 4);
    fc.assert(
      fc.property(fc.constantFrom("https://", "http://", "ftp://", "//", ""), text("abc09-_.", 0), pass, text("abc09-.", 1), text("abc/09@.?=&", 0), (scheme, user, password, host, path) => {
        const url = `${scheme}${user}:${password}@${host}/${path}`;
        const shown = withoutCredentials(url, { bare: true });
        expect(shown).not.toContain(`${user}:${password}`);
        expect(shown).not.toContain(password.trim() ? `:${password}` : "\u0000");
        for (const other of [`${url},${url}`, `x ${url}`]) expect(withoutCredentials(other, { bare: true })).not.toContain(`:${password}@`);
      }),
    );
  });
});
