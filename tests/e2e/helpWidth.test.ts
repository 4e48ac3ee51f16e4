/**
 * Help on a narrow terminal: every line fits, so the terminal never cuts a word. At 60 columns a
 * long option's words go under it; at 120 they stay beside it.
 */
import { describe, expect, it } from "vitest";
import { PtySession } from "../helpers/pty.js";
import { tempHomes } from "../helpers/fixtures.js";

const homes = tempHomes();
const columnsOf = (line: string) => line.replace(/[\u2066-\u2069\u200e\u200f\u064b-\u065f\u0670]/g, "").length;

async function help(args: string[], cols: number): Promise<string[]> {
  const session = new PtySession([...args, "--help"], homes().env, { cols, rows: 60 });
  await session.exited;
  return session.text.replace(/\r/g, "").split("\n");
}

describe("help at the terminal's width", () => {
  for (const lang of ["en", "fr", "ar"]) {
    it(`fits 40 and 60 columns for the commands with long option names (${lang})`, async () => {
      for (const cols of [40, 60]) {
        for (const args of [[], ["data", "download"], ["password"], ["data"], ["serve"]]) {
          const lines = await help(["--lang", lang, ...args], cols);
          expect(lines.length).toBeGreaterThan(5);
          for (const line of lines) expect([cols, args.join(" "), line, columnsOf(line) <= cols]).toEqual([cols, args.join(" "), line, true]);
        }
      }
    }, 30000);
  }

  it("cuts a long example command only outside its quotes, so it runs as pasted", async () => {
    for (const cols of [46, 50, 60, 70]) {
      const lines = await help([], cols);
      const at = lines.findIndex((line) => line.includes("harden evidence add shot.png"));
      const example = [lines[at]!];
      while (example.at(-1)!.endsWith(" \\")) example.push(lines[at + example.length]!);
      const pasted = example.map((line) => line.replace(/ \\$/, "").trim()).join(" ");
      expect([cols, pasted]).toEqual([cols, 'harden evidence add shot.png --note "Message after the hearing" --copy']);
      for (const line of example.slice(0, -1)) expect((line.match(/"/g) ?? []).length % 2).toBe(0);
    }
  });

  it("keeps an option's words beside it at 120 columns, and puts them under it at 60", async () => {
    const wide = await help(["data", "download"], 120);
    expect(wide.some((line) => /^ {2}--concurrency <n> +most requests at once/.test(line))).toBe(true);
    const narrow = await help(["data", "download"], 60);
    const at = narrow.findIndex((line) => line === "  --concurrency <n>");
    expect(at).toBeGreaterThan(0);
    expect(narrow[at + 1]).toMatch(/^ {6}most requests at once/);
  });
});
