import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/errors.js";
import { EXPORT_FORMATS, detectFormat, parseExport } from "../../../src/exports/index.js";
import type { ExportEntry, ExportFormat, ParsedExport } from "../../../src/exports/index.js";
import { withoutCredentials } from "../../../src/exports/urlCredentials.js";
import { lineBreaks, writeCsv } from "./csvWriter.js";
import type { CsvStyle } from "./csvWriter.js";

type CsvFormatName = Exclude<ExportFormat, "bitwarden-json">;

/**
 * Each format as its manager writes it, restated here rather than taken from src/ so the tests check
 * the column maps instead of trusting them.
 */
interface Layout {
  header: string;
  name: string | null;
  url: string;
  username: string;
  password: string;
  /** Columns with a fixed value, e.g. Bitwarden's type; the others get random noise. */
  fixed?: Record<string, string>;
  /** The one-time-code column: its noise, when not blank, marks the entry hasTotp (never its value). */
  totp?: string;
}

const LAYOUTS: Record<CsvFormatName, Layout> = {
  "bitwarden-csv": {
    header: "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp",
    name: "name",
    url: "login_uri",
    username: "login_username",
    password: "login_password",
    fixed: { type: "login" },
    totp: "login_totp",
  },
  "1password-csv": {
    header: "Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes",
    name: "Title",
    url: "Url",
    username: "Username",
    password: "Password",
    totp: "OTPAuth",
  },
  "chrome-csv": { header: "name,url,username,password,note", name: "name", url: "url", username: "username", password: "password" },
  "firefox-csv": {
    header: "url,username,password,httpRealm,formActionOrigin,guid,timeCreated,timeLastUsed,timePasswordChanged",
    name: null,
    url: "url",
    username: "username",
    password: "password",
  },
  "keepassxc-csv": {
    header: "Group,Title,Username,Password,URL,Notes,TOTP,Icon,Last Modified,Created",
    name: "Title",
    url: "URL",
    username: "Username",
    password: "Password",
    totp: "TOTP",
  },
  "lastpass-csv": {
    header: "url,username,password,totp,extra,name,grouping,fav",
    name: "name",
    url: "url",
    username: "username",
    password: "password",
    totp: "totp",
  },
  "apple-csv": { header: "Title,URL,Username,Password,Notes,OTPAuth", name: "Title", url: "URL", username: "Username", password: "Password", totp: "OTPAuth" },
};
const CSV_FORMATS = Object.keys(LAYOUTS) as CsvFormatName[];

type Fields = Omit<ExportEntry, "line">;

function row(layout: Layout, fields: Fields, noise: readonly string[]): string[] {
  return layout.header.split(",").map((column, index) => {
    if (column === layout.name) return fields.name;
    if (column === layout.url) return fields.url;
    if (column === layout.username) return fields.username;
    if (column === layout.password) return fields.password;
    return layout.fixed?.[column] ?? noise[index % noise.length] ?? "";
  });
}

/** Arbitrary unicode, plus strings made mostly of what CSV has to quote. */
const csvSpecial = fc.constantFrom(",", '"', "\n", "\r", "\r\n", " ", "\t", "a", "é", "😀", "\ufeff");
const value = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: csvSpecial }), fc.string({ unit: "grapheme" }));
const fields: fc.Arbitrary<Fields> = fc.record({ name: value, url: value, username: value, password: value });
const style: fc.Arbitrary<CsvStyle> = fc.record({
  lineEnding: fc.constantFrom("\n" as const, "\r\n" as const),
  quoteAll: fc.boolean(),
  bom: fc.boolean(),
});

/** Names and URLs as an entry holds them: with any user:password@ cut out (see urlCredentials.test.ts). */
const shown = ({ name, url }: { name: string; url: string }) => ({ name: withoutCredentials(name), url: withoutCredentials(url, { bare: true }) });

describe("round trip: what a correct writer produces reads back equal (credentials cut from URLs)", () => {
  it.each(CSV_FORMATS)("%s", (format) => {
    const layout = LAYOUTS[format];
    const record = fc.record({ fields, noise: fc.array(value, { minLength: 1, maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), style, (records, csvStyle) => {
        const rows = records.map((r) => row(layout, r.fields, r.noise));
        const { text, lines } = writeCsv([layout.header.split(","), ...rows], csvStyle);
        const expected: ParsedExport = { format, entries: [], withoutPassword: 0, skipped: [] };
        rows.forEach((written, index) => {
          const line = lines[index + 1] ?? -1;
          const { name, url, username, password } = records[index]!.fields;
          if (written.every((v) => v === "")) {
            expected.skipped.push({ line, reason: "every field in it is empty" });
            return;
          }
          const totp = layout.totp === undefined ? "" : (written[layout.header.split(",").indexOf(layout.totp)] ?? "");
          expected.entries.push({ line, ...shown({ name: layout.name === null ? "" : name, url }), username, password, ...(totp.trim() !== "" && { hasTotp: true }) });
          if (password === "") expected.withoutPassword++;
        });
        expect(parseExport(text)).toEqual(expected);
        expect(parseExport(text, format)).toEqual(expected);
      }),
    );
  });

  it("bitwarden-json", () => {
    const nullable = fc.option(value, { nil: null });
    const login = fc.record({ name: value, url: value, username: nullable, password: nullable }).map((item) => ({
      item: {
        type: 1,
        name: item.name,
        login: { uris: item.url === "" ? [] : [{ match: null, uri: item.url }], username: item.username, password: item.password },
      },
      expected: { ...shown({ name: item.name, url: item.url }), username: item.username ?? "", password: item.password ?? "" },
    }));
    const note = fc.record({ name: value, notes: value }).map((item) => ({
      item: { type: 2, name: item.name, notes: item.notes, secureNote: { type: 0 } },
      expected: { ...shown({ name: item.name, url: "" }), username: "", password: "" },
    }));
    fc.assert(
      fc.property(fc.array(fc.oneof(login, note), { maxLength: 6 }), fc.boolean(), (items, bom) => {
        const text = (bom ? "\ufeff" : "") + JSON.stringify({ encrypted: false, folders: [], items: items.map((i) => i.item) }, null, 2);
        const entries = items.map((i, index) => ({ line: index + 1, ...i.expected }));
        const withoutPassword = entries.filter((e) => e.password === "").length;
        expect(parseExport(text)).toEqual({ format: "bitwarden-json", entries, withoutPassword, skipped: [] });
      }),
    );
  });
});

describe("any text: a result or an InvalidInputError, nothing else", () => {
  const csvish = fc.string({ unit: fc.constantFrom(",", '"', "\n", "\r", "a", "{", "[", "\ufeff", " "), maxLength: 80 });
  const afterRealHeader = fc
    .tuple(fc.constantFrom(...CSV_FORMATS.map((f) => LAYOUTS[f].header)), fc.constantFrom("\n", "\r\n"), csvish)
    .map(([header, lineEnding, tail]) => header + lineEnding + tail);
  const jsonish = fc.oneof(
    fc.json(),
    fc.jsonValue().map((v) => JSON.stringify({ items: Array.isArray(v) ? v : [v] })),
    fc.jsonValue().map((v) => JSON.stringify({ encrypted: v, items: [{ type: 1, login: v, name: v }] })),
  );
  const anyText = fc.oneof(fc.string({ unit: "binary" }), csvish, afterRealHeader, jsonish);

  it.each([undefined, ...EXPORT_FORMATS])("format %s", (format) => {
    fc.assert(
      fc.property(anyText, (text) => {
        let parsed: ParsedExport;
        try {
          if (format === undefined) detectFormat(text);
          parsed = parseExport(text, format);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
          return;
        }
        const lines = [...parsed.entries, ...parsed.skipped].map((r) => r.line).sort((a, b) => a - b);
        expect(new Set(lines).size).toBe(lines.length);
        expect(lines.every((line) => Number.isInteger(line) && line >= 1)).toBe(true);
        if (parsed.format !== "bitwarden-json") {
          expect(lines.every((line) => line <= lineBreaks(text) + 1)).toBe(true);
        }
        expect(parsed.withoutPassword).toBe(parsed.entries.filter((e) => e.password === "").length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("no value from the file ever reaches an error message or a skip reason", () => {
  // Distinctive values, so finding one in a message cannot be a coincidence.
  const secret = fc.stringMatching(/^[a-z0-9]{6,12}$/).map((s) => `§${s}`);
  const secretFields: fc.Arbitrary<Fields> = fc.record({ name: secret, url: secret, username: secret, password: secret });

  function expectNone(text: string, values: readonly string[]): void {
    for (const v of values) expect(text).not.toContain(v);
  }

  // The password field opens a quote that is never closed, or has a quote in the middle without being quoted.
  const breakages = { "an unclosed quote": (pw: string) => `"${pw}`, "a stray quote": (pw: string) => `${pw}"${pw}` };
  const cases = CSV_FORMATS.flatMap((format) => Object.keys(breakages).map((breakage) => [format, breakage] as const));

  it.each(cases)("%s: %s is reported by the line its record starts on", (format, breakage) => {
    const layout = LAYOUTS[format];
    const breakPassword = breakages[breakage as keyof typeof breakages];
    fc.assert(
      fc.property(fc.array(secretFields, { maxLength: 4 }), secretFields, secret, style, (good, broken, noise, csvStyle) => {
        const { text } = writeCsv([layout.header.split(","), ...good.map((f) => row(layout, f, [noise]))], csvStyle);
        // Joined by hand: the writer would quote the breakage away.
        const brokenRow = row(layout, { ...broken, password: breakPassword(broken.password) }, [noise]).join(",");
        const file = text + brokenRow + csvStyle.lineEnding;
        let error: unknown;
        try {
          parseExport(file);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(InvalidInputError);
        const message = (error as InvalidInputError).message;
        expect(message).toContain(`line ${lineBreaks(text) + 1}:`);
        expectNone(message, [noise, ...[...good, broken].flatMap((f) => Object.values(f))]);
      }),
    );
  });

  it("a file without a header: every format refuses it without echoing the first line", () => {
    fc.assert(
      fc.property(fc.array(fc.array(secret, { minLength: 3, maxLength: 9 }), { minLength: 1, maxLength: 3 }), style, (rows, csvStyle) => {
        const { text } = writeCsv(rows, csvStyle);
        for (const format of [undefined, ...EXPORT_FORMATS]) {
          let error: unknown;
          try {
            parseExport(text, format);
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(InvalidInputError);
          expectNone((error as InvalidInputError).message, rows.flat());
        }
      }),
    );
  });

  it.each(CSV_FORMATS)("%s: records with the wrong number of fields are skipped without their values", (format) => {
    const layout = LAYOUTS[format];
    fc.assert(
      fc.property(secretFields, secret, fc.boolean(), style, (f, noise, extra, csvStyle) => {
        const full = row(layout, f, [noise]);
        const wrong = extra ? [...full, noise] : full.slice(1);
        const { text, lines } = writeCsv([layout.header.split(","), wrong], csvStyle);
        const parsed = parseExport(text, format);
        expect(parsed.entries).toEqual([]);
        expect(parsed.skipped).toHaveLength(1);
        expect(parsed.skipped[0]?.line).toBe(lines[1]);
        expectNone(parsed.skipped[0]?.reason ?? "", [noise, ...Object.values(f)]);
      }),
    );
  });
});
