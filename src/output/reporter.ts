/**
 * The one place that turns a command's result into what goes to stdout, and its exit code. Each
 * kind of result has its renderer in src/output/render/, loaded when a result of its kind is
 * printed: `harden list` reads no evidence, password or handout views.
 */
import type { CommandResult } from "./results.js";
import type { Rendered, RenderOptions, ResultOf } from "./rendered.js";

export { json, type Rendered, type RenderOptions } from "./rendered.js";

type Kind = CommandResult["kind"];
type Renderer<K extends Kind> = (result: ResultOf<K>, options: RenderOptions) => Rendered;

const checklists = () => import("./render/checklists.js").then((m) => m.renderChecklists);
const progress = () => import("./render/progress.js").then((m) => m.renderProgress);
const settings = () => import("./render/settings.js").then((m) => m.renderSettings);
const totp = () => import("./render/totp.js").then((m) => m.renderTotp);
const evidence = () => import("./render/evidence.js").then((m) => m.renderEvidence);
const passwords = () => import("./render/passwords.js").then((m) => m.renderPasswords);
const data = () => import("./render/data.js").then((m) => m.renderData);
const phone = () => import("./phoneView.js").then((m) => m.renderPhone);

const RENDERERS: { [K in Kind]: () => Promise<Renderer<K>> } = {
  list: checklists,
  checklist: checklists,
  validate: checklists,
  changes: checklists,
  plan: progress,
  audit: progress,
  report: progress,
  workshop: progress,
  handout: () => import("./render/handout.js").then((m) => m.renderHandout),
  forget: settings,
  config: settings,
  "totp-code": totp,
  "totp-verify": totp,
  "totp-practice": totp,
  "evidence-add": evidence,
  "evidence-list": evidence,
  "evidence-verify": evidence,
  "evidence-seal": evidence,
  "evidence-export": evidence,
  password: passwords,
  scan: passwords,
  "phone-check": phone,
  "phone-iphone": phone,
  "phone-indicators": phone,
  "data-verify": data,
  "data-download": data,
  serve: data,
};

/** A command's result as text for a person (or JSON under --json), with its exit code. */
export async function renderResult(result: CommandResult, options: RenderOptions): Promise<Rendered> {
  const render = (await RENDERERS[result.kind]()) as Renderer<Kind>;
  return render(result, options);
}
