import { Command, CommanderError } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { closeIsolatesAtLineEnds, commanderMessage } from "../../../src/commands/commanderWords.js";
import { useLanguage } from "../../../src/i18n/index.js";

/** The CommanderError a program built like harden's throws for `args`. */
function rejection(args: string[]): CommanderError {
  const program = new Command("harden").exitOverride().configureOutput({ outputError: () => {} }).showSuggestionAfterError().option("--json");
  program.command("list").exitOverride().configureOutput({ outputError: () => {} }).action(() => {});
  program.command("checklist").exitOverride().configureOutput({ outputError: () => {} }).option("--format <f>", "", "text").action(() => {});
  try {
    program.parse(args, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error;
    throw error;
  }
  throw new Error(`commander took ${args.join(" ")}`);
}

afterEach(() => useLanguage("en"));

describe("commanderMessage", () => {
  it("rewords commander's errors in the language, keeping its 'did you mean'", () => {
    useLanguage("en");
    expect(commanderMessage(rejection(["lisst"]))).toBe("unknown command 'lisst'\n(Did you mean list?)");
    expect(commanderMessage(rejection(["list", "extra"]))).toBe("too many arguments for 'list'. Expected 0 arguments but got 1.");
    useLanguage("fr");
    expect(commanderMessage(rejection(["lisst"]))).toBe("commande inconnue « lisst »\n(Vouliez-vous dire list ?)");
    expect(commanderMessage(rejection(["list", "--jsno"]))).toBe("option inconnue « --jsno »\n(Vouliez-vous dire --json ?)");
    expect(commanderMessage(rejection(["checklist", "--format"]))).toBe("il manque la valeur de l’option « --format <f> »");
  });

  it("never repeats the value of an unknown option, which may be a secret", () => {
    for (const args of [["list", "--secret=hunter2hunter2"], ["list", "-shunter2hunter2"]]) {
      const message = commanderMessage(rejection(args));
      expect(message).not.toContain("hunter2");
      expect(message).toMatch(/'(--secret|-s)'/);
    }
  });
});

describe("closeIsolatesAtLineEnds", () => {
  it("closes an isolate cut by a line break and opens it again on the next line", () => {
    expect(closeIsolatesAtLineEnds("يطبع \u2066FILE:LINE:\nFIELD\u2069: المشكلة")).toBe("يطبع \u2066FILE:LINE:\u2069\n\u2066FIELD\u2069: المشكلة");
    expect(closeIsolatesAtLineEnds("\u2066a\u2069 b\nc")).toBe("\u2066a\u2069 b\nc");
  });
});
