/** Housekeeping: settings and forgetting. In text, Markdown, HTML or JSON (see ../reporter.ts). */
import { t } from "../../i18n/index.js";
import { configText } from "../configView.js";
import { ltr, ltrNumber } from "../locale.js";
import { sanitizeLine } from "../sanitize.js";
import { json, ok, type RenderOptions, type Rendered, type ResultOf } from "../rendered.js";

export function renderSettings(result: ResultOf<"forget" | "config">, options: RenderOptions): Rendered {
  switch (result.kind) {
    case "forget": {
      if (options.json) return ok(json({ removed: result.removed, cancelled: result.cancelled, keptEvidence: result.keptEvidence }));
      if (result.cancelled) return ok("", [t("report:forget.cancelled")]);
      const dir = ltr(sanitizeLine(result.dir));
      const kept = result.keptEvidence ? [t("report:forget.keptEvidence", { command: ltr("harden forget --yes --include-evidence") })] : [];
      if (result.removed.length === 0) return ok("", [...(result.keptEvidence ? [] : [t("report:forget.nothing", { dir })]), ...kept]);
      return ok("", [t("report:forget.deleted", { dir, count: result.removed.length, n: ltrNumber(result.removed.length) }), ...kept]);
    }
    case "config": {
      if (options.json) return ok(json(result.values));
      const text = configText(result.values, result.changed);
      return ok(text.stdout, text.stderr);
    }
  }
}
