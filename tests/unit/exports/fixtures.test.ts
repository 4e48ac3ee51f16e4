import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ExitCode, InvalidInputError } from "../../../src/errors.js";
import { EXPORT_FORMATS, detectFormat, isExportFormat, parseExport } from "../../../src/exports/index.js";
import type { ExportEntry, ExportFormat, ParsedExport } from "../../../src/exports/index.js";

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/exports/${name}`, import.meta.url), "utf8");
}

function invalidInput(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error("expected an InvalidInputError");
}

const entry = (line: number, name: string, url: string, username: string, password: string): ExportEntry => ({
  line,
  name,
  url,
  username,
  password,
});
/** An entry whose one-time-code (TOTP) field is set: only that it is set is read, never the secret. */
const withTotp = (e: ExportEntry): ExportEntry => ({ ...e, hasTotp: true });

const TRICKY = 'pa,ss"word';

const FIXTURES: { file: string; format: ExportFormat; entries: ExportEntry[]; withoutPassword: number }[] = [
  {
    file: "bitwarden.csv",
    format: "bitwarden-csv",
    entries: [
      entry(2, "Example, Inc.", "https://example.com,https://login.example.com", "alice@example.com", TRICKY),
      entry(4, "Wifi codes", "", "", ""),
      entry(5, "No password site", "https://nopass.example", "bob", ""),
      withTotp(entry(6, "Work VPN", "https://vpn.example.org", "carol", "multi\nline secret")),
    ],
    withoutPassword: 2,
  },
  {
    file: "bitwarden.json",
    format: "bitwarden-json",
    entries: [
      entry(1, "Example, Inc.", "https://example.com,https://login.example.com", "alice@example.com", TRICKY),
      entry(2, "Wifi codes", "", "", ""),
      entry(3, "Visa", "", "", ""),
      entry(4, "No password site", "https://nopass.example", "bob", ""),
      entry(5, "Work VPN", "", "carol", "multi\nline secret"),
    ],
    withoutPassword: 3,
  },
  {
    file: "chrome.csv",
    format: "chrome-csv",
    entries: [
      entry(2, "example.com", "https://example.com/login", "alice@example.com", TRICKY),
      entry(3, "accounts.google.com", "https://accounts.google.com/", "bob@gmail.com", "two\r\nlines"),
      entry(5, "nopass.example", "https://nopass.example/", "carol", ""),
    ],
    withoutPassword: 1,
  },
  {
    file: "chrome-old.csv",
    format: "chrome-csv",
    entries: [
      entry(2, "example.com", "https://example.com/", "alice", "hunter2-old"),
      entry(3, "quoted, name", "https://quoted.example/", 'bob "the builder"', ""),
    ],
    withoutPassword: 1,
  },
  {
    file: "firefox.csv",
    format: "firefox-csv",
    entries: [
      entry(2, "", "https://example.com", "alice@example.com", TRICKY),
      entry(3, "", "https://multi.example", "bob", "line1\r\nline2"),
      entry(5, "", "https://nopass.example", "carol", ""),
      entry(6, "", "https://intranet.example", "dave", "realm-pass"),
    ],
    withoutPassword: 1,
  },
  {
    file: "1password.csv",
    format: "1password-csv",
    entries: [
      entry(2, "Example, Inc.", "https://example.com", "alice@example.com", TRICKY),
      withTotp(entry(4, "Bank", "https://bank.example", "bob", "correct horse battery staple")),
      entry(5, "Server note", "", "", ""),
    ],
    withoutPassword: 1,
  },
  {
    file: "keepassxc.csv",
    format: "keepassxc-csv",
    entries: [
      entry(2, "Example, Inc.", "https://example.com", "alice@example.com", TRICKY),
      entry(4, "Empty password", "https://nopass.example", "bob", ""),
      withTotp(entry(5, 'Work, "VPN"', "https://vpn.example.org", "carol", 'tab\tand "quotes"')),
    ],
    withoutPassword: 1,
  },
  {
    file: "lastpass.csv",
    format: "lastpass-csv",
    entries: [
      entry(2, "Example, Inc.", "https://example.com", "alice@example.com", TRICKY),
      entry(4, "Server note", "", "", ""),
      entry(6, "No password", "https://nopass.example", "bob", ""),
    ],
    withoutPassword: 2,
  },
  {
    file: "apple.csv",
    format: "apple-csv",
    entries: [
      entry(2, "example.com (alice@example.com)", "https://example.com/", "alice@example.com", TRICKY),
      withTotp(entry(3, "bank.example", "https://bank.example/", "bob", "two\r\nlines")),
      entry(5, "nopass.example", "https://nopass.example/", "carol", ""),
    ],
    withoutPassword: 1,
  },
];

describe("fixtures: one real-shaped export per format", () => {
  it("covers every format", () => {
    expect(new Set(FIXTURES.map((f) => f.format))).toEqual(new Set(EXPORT_FORMATS));
  });

  it.each(FIXTURES)("$file is detected as $format", ({ file, format }) => {
    expect(detectFormat(fixture(file))).toBe(format);
  });

  it.each(FIXTURES)("$file parses to the expected entries and line numbers", ({ file, format, entries, withoutPassword }) => {
    const expected: ParsedExport = { format, entries, withoutPassword, skipped: [] };
    expect(parseExport(fixture(file))).toEqual(expected);
  });

  it.each(FIXTURES)("$file parses the same when its format is given", ({ file, format }) => {
    expect(parseExport(fixture(file), format)).toEqual(parseExport(fixture(file)));
  });
});

describe("detection", () => {
  it.each([
    ["NAME,URL,USERNAME,PASSWORD,NOTE", "chrome-csv"],
    [" name , url,username,password,note,added by a spreadsheet", "chrome-csv"],
    ["Group,Title,Username,Password,URL,Notes", "keepassxc-csv"],
    ["folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp", "bitwarden-csv"],
    ["url,username,password,extra,name,grouping,fav", "lastpass-csv"],
    ["Title,Url,Username,Password,OTPAuth", "apple-csv"],
    ["password,username,url,name", "chrome-csv"],
  ] as const)("recognises %j (case, spacing, order, extra and older columns)", (header, format) => {
    expect(detectFormat(`${header}\r\n`)).toBe(format);
  });

  it("prefers the format whose header explains the most columns", () => {
    // LastPass's header holds all of Chrome's columns, 1Password's all of Apple's.
    expect(detectFormat(fixture("lastpass.csv"))).toBe("lastpass-csv");
    expect(detectFormat(fixture("1password.csv"))).toBe("1password-csv");
  });

  it("asks for --format when two formats fit equally well", () => {
    const error = invalidInput(() => detectFormat("name,url,username,password,note,httpRealm,formActionOrigin\n"));
    expect(error.message).toContain("--format chrome-csv");
    expect(error.message).toContain("--format firefox-csv");
    expect(error.exitCode).toBe(ExitCode.usage);
  });

  it("judges the header only, so a broken line further down does not hide a wrong file", () => {
    expect(detectFormat(fixture("broken.csv"))).toBe("chrome-csv");
    expect(invalidInput(() => parseExport('nope,columns\n"unclosed')).message).toContain("not an export harden recognises");
  });
});

describe("format override", () => {
  it("reads a file with the given format's columns even when another format fits better", () => {
    const asChrome = parseExport(fixture("lastpass.csv"), "chrome-csv");
    expect(asChrome.format).toBe("chrome-csv");
    // Chrome has no secure notes, so LastPass's note marker is read as a URL.
    expect(asChrome.entries[1]).toEqual(entry(4, "Server note", "http://sn", "", ""));
  });

  it("reads an export whose identifying columns were removed, which detection cannot", () => {
    const trimmed = '"url","username","password"\r\n"https://example.com","alice","s3cret"\r\n';
    const error = invalidInput(() => parseExport(trimmed));
    expect(error.message).toContain("--format firefox-csv");
    expect(parseExport(trimmed, "firefox-csv").entries).toEqual([entry(2, "", "https://example.com", "alice", "s3cret")]);
  });

  it("names the columns the given format needs and the file lacks", () => {
    const error = invalidInput(() => parseExport(fixture("firefox.csv"), "keepassxc-csv"));
    // Firefox's url column serves as KeePassXC's URL (names match case-insensitively); Title is missing.
    expect(error.message).toContain('no "Title" column');
    expect(error.message).toContain("keepassxc-csv");
  });

  it("refuses a header that repeats a column it reads", () => {
    const error = invalidInput(() => parseExport("name,url,username,password,Password\na,b,c,d,e\n"));
    expect(error.message).toContain('"password" more than once');
    expect(error.message).not.toContain("d,e");
  });

  it("exposes the format names for the CLI flag", () => {
    expect(EXPORT_FORMATS.every(isExportFormat)).toBe(true);
    expect(isExportFormat("edge-csv")).toBe(false);
  });
});

describe("records that are not entries", () => {
  it("skips a record with the wrong number of fields, saying where and why but not what", () => {
    const text = "name,url,username,password\nok,https://a.example,alice,pw-ok\nshort,https://b.example,pw-short\n" +
      "long,https://c.example,carol,pw,long\nafter,https://d.example,dave,pw-after\n";
    const parsed = parseExport(text);
    expect(parsed.entries.map((e) => e.line)).toEqual([2, 5]);
    expect(parsed.skipped).toEqual([
      { line: 3, reason: "it has 3 fields where the header has 4" },
      { line: 4, reason: "it has 5 fields where the header has 4" },
    ]);
  });

  it("skips records whose fields are all empty, and blank lines without counting them", () => {
    const parsed = parseExport("name,url,username,password\r\n\r\n,,,\r\n\n\nsite,https://x.example,u,p\r\n");
    expect(parsed.skipped).toEqual([{ line: 3, reason: "every field in it is empty" }]);
    expect(parsed.entries).toEqual([entry(6, "site", "https://x.example", "u", "p")]);
  });

  it("counts lines across mixed line endings, including inside quoted fields", () => {
    const parsed = parseExport('name,url,username,password\r\na,u,n,"p\r\nq"\nb,u,n,p\rc,u,n,"x\ry"\r\nd,u,n,p');
    expect(parsed.entries.map((e) => [e.line, e.name, e.password])).toEqual([
      [2, "a", "p\r\nq"],
      [4, "b", "p"],
      [5, "c", "x\ry"],
      [7, "d", "p"],
    ]);
  });

  it("treats a Bitwarden record with an empty type as a login, as Bitwarden does", () => {
    const parsed = parseExport("type,name,login_uri,login_username,login_password\n,Hand made,https://x.example,u,secret\n");
    expect(parsed.entries).toEqual([entry(2, "Hand made", "https://x.example", "u", "secret")]);
  });
});

describe("errors never show values from the file", () => {
  it("reports an unclosed quote with the line its record starts on", () => {
    const error = invalidInput(() => parseExport(fixture("broken.csv"), undefined, "broken.csv"));
    expect(error.message).toMatch(/^broken\.csv: line 3: .*never closed/);
    for (const secret of ["good-password-1", "unclosed-secret-2", "secret-3", "alice", "broken.example"]) {
      expect(error.message).not.toContain(secret);
    }
  });

  it.each([
    ['name,url,username,password\nok,u,n,p\nx,u,n,"multi\nline"junk-secret\n', 3, "closing quote"],
    ["name,url,username,password\nok,u,n,p\n\nx,u,n,secret-start\"quote\n", 4, "quote inside a field"],
    ['"name,url,username,password\n', 1, "never closed"],
  ])("reports malformed CSV %#", (text, line, what) => {
    const error = invalidInput(() => parseExport(text));
    expect(error.message).toContain(`line ${line}:`);
    expect(error.message).toContain(what);
    expect(error.message).not.toMatch(/secret|multi/);
  });

  it("lists known columns, the formats and --format for an unknown header, never unknown names", () => {
    const error = invalidInput(() => parseExport(fixture("unknown.csv"), undefined, "unknown.csv"));
    expect(error.message).toContain("unknown.csv: line 1: this is not an export harden recognises");
    expect(error.message).toContain("4 other columns not shown");
    expect(error.message).toContain("--format NAME");
    // One format a line: the error's problems, each printed on a line of its own.
    expect(error.problems.map((p) => p.split(":")[0])).toEqual([...EXPORT_FORMATS]);
    for (const hidden of ["username2", "otpSecret", "dashlane-secret-1", "alice@example.com"]) {
      expect([error.message, ...error.problems].join("\n")).not.toContain(hidden);
    }
  });

  it("does not echo the first line of a file without a header", () => {
    const text = fixture("headerless.csv");
    const messages = [undefined, ...EXPORT_FORMATS].map((format) => invalidInput(() => parseExport(text, format)).message);
    for (const message of messages) {
      for (const value of ["hunter2-headerless", "s3cret-headerless", "alice@example.com", "example.com", "bob"]) {
        expect(message).not.toContain(value);
      }
    }
    expect(messages[0]).toContain("no column harden knows; 3 other columns not shown");
    expect(messages[0]).toContain("The first line must be the header");
  });

  it.each(["", "\ufeff", "\r\n\n"])("says an empty file (%j) is empty", (text) => {
    expect(invalidInput(() => parseExport(text)).message).toContain("empty");
  });
});

describe("Bitwarden JSON", () => {
  it.each(["bitwarden-encrypted.json", "bitwarden-password-protected.json"])(
    "refuses %s and says how to export one harden can read",
    (file) => {
      const error = invalidInput(() => parseExport(fixture(file)));
      expect(error.message).toContain("encrypted");
      expect(error.message).toContain('".json" (not ".json (Encrypted)") or ".csv"');
      expect(error.message).not.toContain("2.");
    },
  );

  it("does not repeat JSON.parse's message, which quotes the text", () => {
    const error = invalidInput(() => parseExport('{"items": [{"login": {"password": hunter2-json}}]}'));
    expect(error.message).toContain("not valid JSON");
    expect(error.message).not.toContain("hunter2");
  });

  it.each([
    ["[]", "bitwarden-json"],
    ['{"folders": []}', undefined],
  ] as const)("refuses JSON without an items list: %s", (text, format) => {
    expect(invalidInput(() => parseExport(text, format)).message).toContain('no "items" list');
  });

  it("skips items it cannot read, naming the field but not the value", () => {
    const text = JSON.stringify({
      items: [
        "not an item",
        { type: 1, name: "Number password", login: { username: "u", password: 123456 } },
        { type: 1, name: "Bad uris", login: { password: "p", uris: "https://x.example" } },
        { type: 1, name: "Fine", login: { username: "u", password: "p", uris: [{ uri: "https://x.example" }] } },
      ],
    });
    const parsed = parseExport(text);
    expect(parsed.entries).toEqual([entry(4, "Fine", "https://x.example", "u", "p")]);
    expect(parsed.skipped).toEqual([
      { line: 1, reason: "the item is not an object" },
      { line: 2, reason: '"login.password" is not text' },
      { line: 3, reason: '"login.uris" is not a list of URIs' },
    ]);
  });
});
