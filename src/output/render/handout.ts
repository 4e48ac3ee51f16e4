/** A workshop's handout. In text, Markdown, HTML or JSON (see ../reporter.ts). */
import { checklistJson } from "../checklistView.js";
import { handoutHtml, handoutMarkdown, handoutText } from "../handoutView.js";
import { json, ok, type RenderOptions, type Rendered, type ResultOf } from "../rendered.js";

export function renderHandout(result: ResultOf<"handout">, options: RenderOptions): Rendered {
  const format = options.json ? "json" : result.format;
  if (format === "json") return ok(json({ plan: result.plan, checklists: result.checklists.map(checklistJson) }));
  if (format === "md") return ok(handoutMarkdown(result));
  if (format === "html") return ok(handoutHtml(result));
  return ok(handoutText(result, options.style));
}
