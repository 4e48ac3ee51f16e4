import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadContentRules } from "../../../src/checklists/contentCheck.js";
import type { Checklist, ChecklistItem } from "../../../src/core/checklist.js";
import { checkContent, linksIn, nonEnglishLocale, type ContentScope } from "../../../src/core/contentRules.js";

const data = await loadContentRules();

const item = (over: Partial<ChecklistItem> = {}): ChecklistItem => ({
  id: "demo.one",
  section: "privacy",
  title: "Check one thing",
  why: "It keeps you safe.",
  steps: ["Open Settings.", "Turn it off."],
  path: "Settings > Privacy",
  risk: "high",
  source: "https://help.demo.com/one",
  sourceKind: "official",
  verified: "2026-12-02",
  ...over,
});

const checklist = (items: ChecklistItem[], over: Partial<Omit<Checklist, "files">> = {}): Omit<Checklist, "files"> => ({
  platform: "demo",
  name: "Demo",
  officialHosts: ["help.demo.com", "www.demo.com"],
  items,
  ...over,
});

const scope = (over: Partial<ContentScope> = {}): ContentScope => ({
  allowlist: true,
  english: true,
  platforms: new Map([
    ["demo", ["help.demo.com", "www.demo.com"]],
    ["facebook", ["www.facebook.com", "m.facebook.com"]],
  ]),
  ...over,
});

/** "rule @ field" for each finding, to compare in one line. */
const found = (items: ChecklistItem[], s = scope(), over: Partial<Omit<Checklist, "files">> = {}) =>
  checkContent(checklist(items, over), s, data).map((f) => `${f.rule} @ ${f.at.join(".")}`);

describe("links: official hosts only, or a third party the item names", () => {
  it("accepts a source and links on the checklist's own hosts, bare or with www.", () => {
    const ok = item({ steps: ["Go to demo.com/settings.", "Or open https://help.demo.com/two."], help: "See www.demo.com/help." });
    expect(found([ok])).toEqual([]);
  });

  it("refuses a source, and any link in title, why, steps, path, notice or help, on another host", () => {
    const bad = item({
      source: "https://blog.example.com/how-to",
      title: "Visit other.com",
      why: "Read https://news.example.org/story first.",
      steps: ["Open https://help.demo.com/ok.", "Then go to stopncii.org."],
      path: { web: "example.net > Settings", ios: "Settings" },
      flags: ["alerts-others"],
      notice: "They get a mail from notify.example.com.",
      help: "More at https://how.example.io/x.",
    });
    expect(found([bad])).toEqual([
      "official-host @ items.0.source",
      "official-host @ items.0.title",
      "official-host @ items.0.why",
      "official-host @ items.0.steps.1",
      "official-host @ items.0.notice",
      "official-host @ items.0.help",
      "official-host @ items.0.path.web",
    ]);
  });

  it("accepts a third party the item names, and the hosts of the platforms it appliesTo", () => {
    const ok = item({
      source: "https://www.facebook.com/help/123",
      appliesTo: ["facebook"],
      thirdParty: ["stopncii.org"],
      steps: ["Go to StopNCII.org and make a case.", "Then report on https://m.facebook.com/help."],
    });
    expect(found([ok], scope(), { officialHosts: undefined })).toEqual([]);
    expect(found([{ ...ok, appliesTo: undefined }], scope(), { officialHosts: undefined })).toContain("official-host @ items.0.source");
  });

  it("lets a secondary source be a news or how-to page (the views say so), but not a copy, and not its links", () => {
    const secondary = item({ sourceKind: "secondary", source: "https://howto.example.org/demo", help: "See https://howto.example.org/more." });
    expect(found([secondary])).toEqual(["official-host @ items.0.help"]);
    expect(found([{ ...secondary, help: undefined, source: "https://web.archive.org/web/2020/https://howto.example.org/demo" }])).toEqual(["copy-host @ items.0.source"]);
  });

  it("is not applied where the scope says so (a trainer's file without officialHosts)", () => {
    expect(found([item({ source: "https://trainer.example.org/page" })], scope({ allowlist: false }), { officialHosts: undefined })).toEqual([]);
  });

  it("finds full and bare web addresses, but not item ids, file names or e-mail addresses", () => {
    const text = "See https://support.google.com/accounts/answer/46526?hl=en. Or facebook.com/hacked, then g.co/yourfamily; not x.two-factor, email.app-passwords, Node.js or help@demo.com.";
    expect(linksIn(text).map((l) => `${l.host}${l.bare ? " (bare)" : ""}`)).toEqual(["support.google.com", "facebook.com (bare)", "g.co (bare)"]);
  });

  it("takes a bare address whole, never the front of a longer host (isf.gov.lb is not isf.gov)", () => {
    const text = "Report on isf.gov.lb or at internet-signalement.gouv.fr. Not demo.gov.zz either.";
    expect(linksIn(text).map((l) => l.host)).toEqual(["isf.gov.lb", "internet-signalement.gouv.fr"]);
  });

  it("never throws on any text, and every host it finds is in the text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const link of linksIn(text)) expect(text.toLowerCase()).toContain(link.host.split(".")[0]!.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });
});

describe("copies: no proxy, mirror or archive address anywhere, provenance included", () => {
  it("refuses a copy host in the source, the help or the steps, and a link that carries another address", () => {
    const bad = [
      item({ id: "demo.a", source: "https://xihu.uk.to/https://support.apple.com/en-au/guide/x" }),
      item({ id: "demo.b", help: "Use the form at https://google-support.mirrorblogs.com/legal/answer/1." }),
      item({ id: "demo.c", steps: ["Open https://web.archive.org/web/2020/https://help.demo.com/x."] }),
      item({ id: "demo.d", source: "https://unknown-proxy.example/https://help.demo.com/one" }),
      item({ id: "demo.e", source: "https://meilu.example/url-68747470733a2f2f737570706f72742e6170706c652e636f6d/en-sa/102677" }),
    ];
    expect(found(bad).filter((f) => f.startsWith("copy-host"))).toEqual([
      "copy-host @ items.0.source",
      "copy-host @ items.1.help",
      "copy-host @ items.2.steps.0",
      "copy-host @ items.3.source",
      "copy-host @ items.4.source",
    ]);
  });

  it("refuses a copy's address in sourceCopy and alsoRead too, however the address inside is written", () => {
    const copies = item({
      sourceKind: "official-copy",
      sourceCopy: "https://xihu.uk.to/https://help.demo.com/one",
      alsoRead: [
        "https://web.archive.org/web/2020/x",
        "https://blog.example.com/y",
        "http://proxy.example/index.php?q=aHR0cHM6Ly9oZWxwLmRlbW8uY29tL29uZQ",
        "https://mirror.example/https/help.demo.com/one",
        "https://mirror.example/host-https-help.demo.com/one",
      ],
    });
    expect(found([copies])).toEqual(["copy-host @ items.0.sourceCopy", "copy-host @ items.0.alsoRead.0", "copy-host @ items.0.alsoRead.2", "copy-host @ items.0.alsoRead.3", "copy-host @ items.0.alsoRead.4"]);
    // Other pages read, by their own address, are kept.
    expect(found([item({ alsoRead: ["https://blog.example.com/y", "https://news.example/https-tips"] })])).toEqual([]);
  });

  it("refuses a copy host offered as official or third party", () => {
    expect(found([item({ thirdParty: ["archive.ph"] })], scope(), { officialHosts: ["help.demo.com", "klqsh.com"] })).toEqual(["copy-host @ officialHosts.1", "copy-host @ items.0.thirdParty.0"]);
  });

  it("keeps in sourceCopy only the platform's own address of the version read, never the source itself", () => {
    // official-copy alone says the text was read in a copy of the source.
    expect(found([item({ sourceKind: "official-copy" })])).toEqual([]);
    expect(found([item({ sourceCopy: "https://archive.ph/abc" })])).toEqual(["copy-host @ items.0.sourceCopy"]);
    expect(found([item({ sourceCopy: "https://blog.example.com/abc" })])).toEqual(["source-copy @ items.0.sourceKind"]);
    expect(found([item({ sourceKind: "official-copy", sourceCopy: "https://blog.example.com/abc" })])).toEqual(["source-copy @ items.0.sourceCopy"]);
    expect(found([item({ sourceKind: "official-copy", sourceCopy: "https://help.demo.com/one" })])).toEqual(["source-copy @ items.0.sourceCopy"]);
    // Another version of the page on the platform's own site, read directly: official, with its address kept.
    expect(found([item({ sourceCopy: "https://help.demo.com/de/one" }), item({ id: "demo.b", sourceKind: "official-copy", sourceCopy: "https://help.demo.com/id/one" })])).toEqual([]);
  });
});

describe("English pages", () => {
  it.each([
    ["https://support.tiktok.com/id/log-in-troubleshoot/log-in/my-account-has-been-hacked", "/id/"],
    ["https://support.apple.com/de-de/102649", "/de-de/"],
    ["https://support.apple.com/pt-br/102571", "/pt-br/"],
    ["https://support.apple.com/no-no/102649", "/no-no/"],
    ["https://support.google.com/maps/answer/7326816?hl=fr", "hl=fr"],
    ["https://help.snapchat.com/hc/de/articles/1", "/de/"],
    ["https://support.signal.org/hc/ur/articles/6829998083994", "/ur/"],
    ["https://es-la.facebook.com/help/1", "es-la."],
    ["https://www.bing.com/x?setlang=sv-SE", "setlang=sv-SE"],
    ["https://support.microsoft.com/zh-hans/x", "/zh-hans/"],
  ])("%s asks for another language (%s)", (url, part) => {
    expect(nonEnglishLocale(url)).toBe(part);
  });

  it.each([
    "https://support.google.com/accounts/answer/46526?hl=en",
    "https://support.apple.com/en-us/118574",
    "https://support.apple.com/en-gb/102637",
    "https://support.discord.com/hc/en-us/articles/217916488",
    "https://help.yahoo.com/kb/sln29297.html",
    "https://www.linkedin.com/in/someone",
    "https://help.x.com/en/safety-and-security/x-account-compromised",
    "https://www.facebook.com/help/it/123",
    "https://faq.whatsapp.com/1?locale=en_US",
    "not a url",
  ])("%s is English (or has no language)", (url) => {
    expect(nonEnglishLocale(url)).toBeUndefined();
  });

  it("is checked on the source and on links, only where the scope says the text is English", () => {
    const bad = item({ source: "https://help.demo.com/de-de/one", help: "See https://help.demo.com/fr/two." });
    expect(found([bad])).toEqual(["english-page @ items.0.source", "english-page @ items.0.help"]);
    expect(found([bad], scope({ english: false }))).toEqual([]);
  });

  it("lets an item for some countries cite that country's own pages in its language (a national helpline)", () => {
    const national = item({ source: "https://help.demo.com/fr/one", help: "See https://help.demo.com/fr/two." });
    expect(found([{ ...national, countries: ["FR"] }])).toEqual([]);
    expect(found([national])).toEqual(["english-page @ items.0.source", "english-page @ items.0.help"]);
  });

  it("never throws on any text", () => {
    fc.assert(fc.property(fc.string(), (s) => void nonEnglishLocale(`https://h.example/${s}`)), { numRuns: 300 });
  });
});

describe("words for the person", () => {
  it("refuses provenance in help (and any shown text)", () => {
    expect(found([item({ help: "Turn it off. Other pages read: https://help.demo.com/x." })])).toEqual(["provenance @ items.0.help"]);
    expect(found([item({ help: "Turn it off (https://help.demo.com/x, secondary)." })])).toEqual(["provenance @ items.0.help"]);
  });

  it("refuses a pointer to another item by where it stands, since a plan reorders items", () => {
    expect(found([item({ help: "Also turn on two-factor (see the next item)." }), item({ id: "demo.b", steps: ["Check the device list (item above)."] })])).toEqual(["position @ items.0.help", "position @ items.1.steps.0"]);
    expect(found([item({ help: 'Also turn on two-factor (see "Turn it on").' })])).toEqual([]);
  });

  it("grades why+steps at 8 and help at 10, for English text only", () => {
    const hard = "Comprehensive authentication configuration necessitates considerable administrative deliberation regarding organisational infrastructure and international interoperability requirements.";
    expect(found([item({ why: hard, help: hard })])).toEqual(["grade-why-steps @ items.0.why", "grade-help @ items.0.help"]);
    expect(found([item({ why: hard, help: hard })], scope({ english: false }))).toEqual([]);
  });

  it("checks that sourceDate is a real date, not after the day the page was read", () => {
    expect(found([item({ sourceDate: "2019" }), item({ id: "demo.b", sourceDate: "2025-06" })])).toEqual([]);
    expect(found([item({ sourceDate: "2023-02-30" })])).toEqual(["source-date @ items.0.sourceDate"]);
    expect(found([item({ sourceDate: "2027-01-01" })])).toEqual(["source-date @ items.0.sourceDate"]);
  });

  it("wants appliesTo to name platform checklists", () => {
    expect(found([item({ appliesTo: ["facebook", "myspace"] })])).toEqual(["applies-to @ items.0.appliesTo.1"]);
  });
});

describe("flags the words call for", () => {
  const flagged = (over: Partial<ChecklistItem>) => found([item(over)]).filter((f) => f.startsWith("flag-") || f.startsWith("notice"));

  it("alerts-others needs a notice", () => {
    expect(flagged({ flags: ["alerts-others"] })).toEqual(["notice @ items.0.flags"]);
  });

  it.each([
    ["sign-out", "Tap the device and choose Log out."],
    ["sign-out", "Sign out every device you don't know."],
    ["remove-device", "Then remove devices there."],
    ["remove-device-label", "Tap Remove from Account."],
    ["remove-not-yours", "Remove any phone number that isn't yours."],
    ["remove-not-yours", "Delete filters you didn't set up."],
    ["block", "Once your evidence is saved, block them on email and phone."],
    ["block", "Before blocking, save proof."],
    ["unmatch", "Tap Unmatch to end the chat."],
  ])("%s: a step that says %j needs its flags", (rule, step) => {
    expect(flagged({ steps: [step] })).toEqual([expect.stringMatching(new RegExp(`^flag-${rule} @ items\\.0\\.steps\\.0$`))]);
    const flags = data.flagWords.find((r) => r.id === rule)!.flags;
    expect(flagged({ steps: [step], flags, notice: "They may notice." })).toEqual([]);
  });

  it.each([
    ["account-disabled", "The account may be disabled, and its owner may see that."],
    ["disables-account", "Meta usually disables the account that shared the image."],
    ["tells-them", "It usually tells them if it acts on their account."],
    ["signed-out", "The person using it will see they were logged out."],
  ])("%s: a notice that says %j needs its flags", (rule, notice) => {
    expect(flagged({ notice })).toEqual([`flag-${rule} @ items.0.notice`]);
    const flags = data.flagWords.find((r) => r.id === rule)!.flags;
    expect(flagged({ notice, flags })).toEqual([]);
  });

  it.each([
    "Don't remove anything yet if you may need proof.",
    "If you're logged out, go to Log in and choose Forgot password.",
    "If you are signed out, use the reset link.",
    "If you are about to block someone who can see your number now, change this first, then block them.",
    "Set the sensitive content filters for direct messages to Block.",
    "Check Blocked Addresses for senders you never blocked.",
    "Remove your city from your profile if it helps someone find you.",
    "Keep the chat for your records instead of deleting it.",
    "Look at old posts with a place tag and remove the tag or the post.",
    "Sign in to your account on a phone the other person has never used.",
    "Always log out of Bumble on a shared phone or computer.",
    "To block one number, open Recents, tap the info button (i) next to it, then Block this Caller.",
    "Touch and hold the call, then tap Block/report spam > Block.",
  ])("no flag is asked for by %j", (step) => {
    expect(flagged({ steps: [step] })).toEqual([]);
  });

  it("the account-was-disabled of a recovery step is not a report's notice", () => {
    expect(flagged({ steps: ["Choose what happened: you were hacked, or your account was disabled."] })).toEqual([]);
  });
});
