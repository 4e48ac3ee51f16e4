/** The --format, --paper and --output flags, worded the same for every command that takes them. */
import { Option } from "commander";
import { t } from "../i18n/index.js";

/** --format with its choices and default; `what` names the format in the help ("output", "report", "handout"). */
export const formatOption = (choices: string[], fallback: string, what: "output" | "report" | "handout" = "output") =>
  new Option("--format <format>", t(`cli:formats.${what}`)).choices(choices).default(fallback);

export const paperOption = () => new Option("--paper <size>", t("cli:formats.paper"));

export const outputOption = (description = t("cli:formats.outputFile")) => new Option("--output <file>", description);
