/** `harden evidence add|list|verify|seal|export`: their arguments, flags and help; the work is in evidence.ts. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import { formatOption, outputOption } from "./formatOptions.js";
import type { CommandKit } from "./kit.js";

export interface EvidenceAddFlags {
  note?: string;
  copy?: boolean;
}

export interface EvidenceVerifyFlags {
  seal?: string;
}

export interface EvidenceExportFlags {
  format: string;
  output?: string;
}

export function defineEvidence(kit: CommandKit): Command {
  const evidence = new Command("evidence").description(t("cli:evidence.description"));
  const run = () => import("./evidence.js");
  evidence
    .command("add")
    .description(t("cli:evidence.add.description"))
    .argument("[file...]", t("cli:evidence.add.file"))
    .option("--note <text>", t("cli:evidence.add.note"))
    .option("--copy", t("cli:evidence.add.copy"))
    .action(kit.action(async (ctx, _globals, files: string[], flags: EvidenceAddFlags) => (await run()).evidenceAddCommand(ctx, files, flags), { state: false }));
  evidence
    .command("list")
    .description(t("cli:evidence.list.description"))
    .action(kit.action(async (ctx) => (await run()).evidenceListCommand(ctx), { state: false }));
  evidence
    .command("verify")
    .description(t("cli:evidence.verify.description"))
    .option("--seal <code>", t("cli:evidence.verify.seal"))
    .addHelpText("after", () => `\n${t("cli:evidence.verify.after")}\n`)
    .action(kit.action(async (ctx, _globals, flags: EvidenceVerifyFlags) => (await run()).evidenceVerifyCommand(ctx, flags), { state: false }));
  evidence
    .command("seal")
    .description(t("cli:evidence.seal.description"))
    .addHelpText("after", () => `\n${t("cli:evidence.seal.after")}\n`)
    .action(kit.action(async (ctx) => (await run()).evidenceSealCommand(ctx), { state: false }));
  evidence
    .command("export")
    .description(t("cli:evidence.export.description"))
    .addOption(formatOption(["html", "md", "json"], "html", "report"))
    .addOption(outputOption())
    .action(kit.action(async (ctx, _globals, flags: EvidenceExportFlags) => (await run()).evidenceExportCommand(ctx, flags), { state: false }));
  return evidence;
}
