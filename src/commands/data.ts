/**
 * harden data verify PATH: reads all of a downloaded breach data set (the sorted HASH:COUNT
 * file or a folder of range files) and checks every line, so --offline lookups can be trusted.
 * A sound result is recorded (unless --no-save), and later lookups stop saying it was never checked.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ManifestCheck } from "../breach/download.js";
import type { CommandResult } from "../output/results.js";
import type { VerifyProgress } from "../breach/verifyData.js";
import type { Context } from "./context.js";

export interface DataVerifyOptions {
  ntlm?: boolean;
}

export async function dataVerifyCommand(
  ctx: Context,
  path: string,
  options: DataVerifyOptions,
  deps: { onProgress?: (progress: VerifyProgress) => void } = {},
): Promise<CommandResult> {
  const { verifyData } = await import("../breach/verifyData.js");
  const started = performance.now();
  const verification = await verifyData(path, { mode: options.ntlm ? "ntlm" : undefined, onProgress: deps.onProgress });
  // A folder harden downloaded also has its record: every prefix it lists must have its file.
  let manifest: ManifestCheck | undefined;
  if (verification.format === "prefix-folder") {
    const { checkManifest, prefixHex } = await import("../breach/download.js");
    manifest = checkManifest(path, verification.mode, (n) => existsSync(join(path, `${prefixHex(n)}.txt`)));
  }
  const seconds = (performance.now() - started) / 1000;
  const manifestSound = manifest === undefined || (manifest.modeMatches && (manifest.completedAt === null || manifest.missing === 0));
  const dir = verification.problemCount === 0 && manifestSound ? ctx.state().dir : undefined;
  let saveError: string | undefined;
  if (dir !== undefined) {
    const { recordVerified } = await import("../state/verifiedData.js");
    try {
      recordVerified(dir, path, { ...verification.fingerprint, format: verification.format, mode: verification.mode, verifiedAt: ctx.now().toISOString() });
    } catch (error) {
      saveError = `${(error as NodeJS.ErrnoException).code ?? "error"}`;
    }
  }
  return { kind: "data-verify", verification, seconds, saved: dir !== undefined && saveError === undefined, saveError, ...(manifest && { manifest, manifestSound }) };
}
