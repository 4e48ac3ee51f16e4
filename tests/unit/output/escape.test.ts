import fc from "fast-check";
import { parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { htmlText, htmlUrl, markdownText, markdownUrl, safeLinkUrl } from "../../../src/output/escape.js";
import { sanitize, sanitizeLine } from "../../../src/output/sanitize.js";
import { liveHazards, renderMarkdown } from "../../helpers/markup.js";

/** Strings made of the pieces attacks and formatting are made of, so that they meet often. */
const PIECES = [
  "<", ">", "&", "\"", "'", "`", "*", "_", "\\", "[", "]", "(", ")", "{", "}", "|", "~", "!", "#", "-", "+", "=", ":", ";", "/", " ", "  ", "\n", "\r", "\t",
  "1.", "2)", "a", "x", "script", "img src=x", "onerror=alert(1)", "javascript:", "data:text/html,", "https://example.org/", "&lt;", "&#60;", "&#x3c;", "&amp;",
  "<script>", "</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "<javascript:alert(1)>", "\u202e", "\u2028", "é", "👍",
];
const hostile = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((parts) => parts.join(""));
const anyText = fc.oneof(hostile, fc.string({ unit: "binary" }));

/** The text a browser shows for a piece of HTML. */
function textOf(html: string): string {
  const walk = (node: any): string => (node.nodeName === "#text" ? node.value : (node.childNodes ?? []).map(walk).join(""));
  return walk(parseFragment(html));
}

describe("markdownText", () => {
  it("keeps the text readable and inert", () => {
    expect(markdownText("Settings > Security > Two-factor")).toBe("Settings > Security > Two-factor");
    expect(markdownText("Help & support")).toBe("Help & support");
    expect(markdownText("<script>alert(1)</script>")).toBe("&lt;script>alert(1)&lt;/script>");
    expect(markdownText("[x](javascript:alert(1))")).toBe("\\[x\\](javascript:alert(1))");
    expect(markdownText("one\ntwo")).toBe("one two");
    expect(markdownText("# not a heading")).toBe("\\# not a heading");
    expect(markdownText("> not a quote")).toBe("&gt; not a quote");
    expect(markdownText("1. not a list")).toBe("1\\. not a list");
  });

  it("for any string: no raw <, one line, and nothing comes alive when rendered", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = markdownText(text);
        expect(escaped).not.toMatch(/[<\n\r]/);
        expect(liveHazards(renderMarkdown(`Note: ${escaped}`))).toEqual([]);
        expect(liveHazards(renderMarkdown(escaped))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("for any string: a renderer shows exactly the text that was escaped", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const shown = textOf(renderMarkdown(`Note: ${markdownText(text)}`, { linkify: false })).trim();
        expect(shown).toBe(`Note: ${sanitizeLine(text)}`.trim().replace(/ +$/, ""));
      }),
      { numRuns: 200 },
    );
  });
});

describe("htmlText", () => {
  it("for any string: no raw < > \" ', and a browser shows exactly the text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = htmlText(text);
        expect(escaped).not.toMatch(/[<>"']/);
        const html = `<p title="${escaped}">${escaped}</p>`;
        expect(liveHazards(html)).toEqual([]);
        expect(textOf(html)).toBe(sanitize(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe("links", () => {
  it("only https URLs become links; anything else is written as text", () => {
    for (const url of ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "http://example.org/", "vbscript:x", "//evil.example/", "https://bank.example@evil.example/"]) {
      expect(safeLinkUrl(url), url).toBeUndefined();
      expect(htmlUrl(url)).not.toContain("<a");
      expect(liveHazards(htmlUrl(url))).toEqual([]);
      expect(renderMarkdown(`Source: ${markdownUrl(url)}`, { linkify: false }), url).not.toContain("<a");
      expect(liveHazards(renderMarkdown(`Source: ${markdownUrl(url)}`))).toEqual([]);
    }
    expect(markdownUrl("https://example.org/help")).toBe("<https://example.org/help>");
    expect(htmlUrl("https://example.org/help?a=1&b=2")).toBe('<a href="https://example.org/help?a=1&amp;b=2">https://example.org/help?a=1&amp;b=2</a>');
  });

  it("percent-encodes what could end a link early", () => {
    expect(safeLinkUrl("https://example.org/a)b(c<d>e f\"g'h`i{j}k|l^m[n]o")).toBe("https://example.org/a%29b%28c%3Cd%3Ee%20f%22g%27h%60i%7Bj%7Dk%7Cl%5Em%5Bn%5Do");
    expect(safeLinkUrl("https://example.org/x?q=\"><script>")).toBe("https://example.org/x?q=%22%3E%3Cscript%3E");
  });

  it("for any path: a link is https with nothing that ends it early, and renders to one https link", () => {
    fc.assert(
      fc.property(hostile, (rest) => {
        const url = `https://example.org/${rest}`;
        const safe = safeLinkUrl(url);
        if (safe === undefined) return;
        expect(safe).toMatch(/^https:\/\/[A-Za-z0-9\-._~!$&*+,;=:@/?#%]+$/);
        for (const html of [renderMarkdown(`Source: ${markdownUrl(url)}`), htmlUrl(url)]) {
          expect(liveHazards(html)).toEqual([]);
          expect(html.match(/<a /g)).toHaveLength(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
