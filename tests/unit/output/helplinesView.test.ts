import { describe, expect, it } from "vitest";
import { loadChecklists } from "../../../src/checklists/catalog.js";
import type { Checklist } from "../../../src/core/checklist.js";
import { useLanguage } from "../../../src/i18n/index.js";
import { helplinesText } from "../../../src/output/helplinesView.js";
import { plainStyle } from "../../../src/output/style.js";

describe("helplinesText", () => {
  it("shows the support items of the built-in response checklists: name, how to reach, hours", async () => {
    const text = helplinesText(await loadChecklists({ extraDirs: [] }), plainStyle(), 100);
    expect(text).toContain("In the UK: call the Revenge Porn Helpline");
    expect(text).toContain("0345 6000 459");
    expect(text).toContain("The helpline is open 10:00 to 16:00, Monday to Friday");
    expect(text).toContain("CCRI Crisis Helpline 844-878-2274");
    // National lines (issue 13) with the hours their sources give.
    expect(text).toContain("In France: call 3919 (Violences Femmes Info)");
    expect(text).toContain("It is open 24 hours a day, 7 days a week.");
    expect(text).toContain("It is open 7 days a week, 9:00 to 23:00.");
    expect(text).toContain("SMEX Digital Safety Helpdesk: text or voice message to +961 81 633 133");
  });

  it("reads them from the data: a trainer's support item shows, and control characters are removed", () => {
    const list = {
      platform: "local",
      name: "Local help",
      kind: "response",
      files: [],
      items: [{ id: "local.line", section: "support", title: "Town helpline\u001b[31m", path: "Call 0800 000 000", steps: ["Open 9:00 to 17:00 on weekdays.", "Have your notes ready."] }],
    } as unknown as Checklist;
    const text = helplinesText([list], plainStyle(), 80);
    expect(text).toContain("Town helpline");
    expect(text).not.toContain("\u001b");
    expect(text).toContain("Call 0800 000 000");
    expect(text).toContain("Open 9:00 to 17:00 on weekdays.");
    expect(text).not.toContain("Have your notes ready.");
  });

  it("in French and Arabic: the translated lines with the hours they give, and the introduction in the language", async () => {
    try {
      useLanguage("fr");
      const fr = helplinesText(await loadChecklists({ lang: "fr" }), plainStyle(), 100);
      expect(fr).toContain("Une intervenante ou un intervenant spécialisé");
      expect(fr).toMatch(/ouverte de 10 h à 16 h/);
      useLanguage("ar");
      const ar = helplinesText(await loadChecklists({ lang: "ar" }), plainStyle(), 100);
      expect(ar).toContain("مختص في الدعم والمرافقة");
      expect(ar).toContain("\u206610:00\u2069"); // hours kept left to right inside the Arabic line
    } finally {
      useLanguage("en");
    }
  });
});
