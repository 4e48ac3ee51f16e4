/**
 * A scan's entries with their site, two-factor and passkey facts, and their next step: the
 * glue between the export (which only says whether a one-time-code field is set), the site
 * index and the pure action list (core/actionList.ts).
 */
import { nextSteps } from "../core/actionList.js";
import { isWeak } from "../core/passwordVerdict.js";
import type { ExportEntry } from "../exports/types.js";
import type { ScanEntry } from "../output/results.js";
import type { SiteIndex } from "./match.js";

export type ScanEntryBase = Omit<ScanEntry, "site" | "twoFactor" | "passkeys" | "nextStep">;

/** `base[i]` is the scan's entry for `exported[i]`. */
export function withNextSteps(base: readonly ScanEntryBase[], exported: readonly ExportEntry[], index: SiteIndex, minScore: number): ScanEntry[] {
  const matched = exported.map((e) => index.match(e.url, e.name));
  const steps = nextSteps(
    base.map((e, i) => ({
      line: e.line,
      hasPassword: e.hasPassword,
      breach: e.breach?.status,
      weak: e.hasPassword && isWeak(e, minScore),
      tooShort: e.tooShort,
      reuseGroup: e.reuseGroup,
      totp: exported[i]!.hasTotp === true,
      site: matched[i]?.site,
    })),
  );
  return base.map((e, i) => {
    const match = matched[i];
    const site = match?.site;
    return {
      ...e,
      ...(match && { site: { domain: match.site.domain, name: match.site.name, host: match.host, by: match.by } }),
      twoFactor: { methods: site?.tfa ?? null, documentation: site?.documentation ?? null, enabled: exported[i]!.hasTotp === true },
      passkeys: site?.passkeys ? { passwordless: site.passkeys.passwordless, mfa: site.passkeys.mfa, documentation: site.passkeys.documentation ?? null } : null,
      nextStep: steps[i]!,
    };
  });
}
