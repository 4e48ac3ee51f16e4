/** Two-factor codes: a code, a check of one, the practice drill. In text, Markdown, HTML or JSON (see ../reporter.ts). */
import { ExitCode } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { driftWords } from "../../totp/drift.js";
import { BACKUP_ADVICE } from "../guidance.js";
import { ltrNumber } from "../locale.js";
import { wrap } from "../wrap.js";
import { json, ok, type RenderOptions, type Rendered, type ResultOf } from "../rendered.js";

export function renderTotp(result: ResultOf<"totp-code" | "totp-verify" | "totp-practice">, options: RenderOptions): Rendered {
  const { style } = options;
  switch (result.kind) {
    case "totp-code":
      if (options.json) return ok(json({ code: result.code, time: result.time, validFor: result.validFor, digits: result.digits, period: result.period, algorithm: result.algorithm }));
      return ok(`${result.code}\n`, [t("password:totp.validFor", { count: result.validFor, n: ltrNumber(result.validFor) })]);
    case "totp-verify":
    case "totp-practice": {
      const exitCode = result.match ? ExitCode.ok : ExitCode.findings;
      if (options.json) return { stdout: json({ match: result.match, driftSteps: result.driftSteps ?? null, driftSeconds: result.driftSeconds ?? null }), stderr: [], exitCode };
      const text = result.match
        ? `${style.green(`✓ ${t("password:totp.matches")}`)} ${driftWords(result)}\n`
        : `${style.red(`✗ ${t("password:totp.noMatch")}`)}\n`;
      // The drill's advice comes after its result, which it follows from.
      const advice = result.kind === "totp-practice" ? [`\n${style.bold(BACKUP_ADVICE.title)}\n${BACKUP_ADVICE.points.map((p) => wrap(p, 80, "  - ", "    ")).join("\n")}`] : [];
      return { stdout: text, stderr: advice, exitCode };
    }
  }
}
