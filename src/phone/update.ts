/**
 * The text of a newer ioc.yaml, from a file or a URL. Any failure (no network, a server error, a
 * body too large) is an error before anything is saved, so the set in use is kept.
 */
import { CouldNotCheckError, UsageError } from "../errors.js";
import { readRegularFile } from "../files/regular.js";
import { t } from "../i18n/index.js";

/** Upstream's ioc.yaml is about 100 KB; this leaves room to grow and stops anything else. */
export const MAX_INDICATORS_BYTES = 8 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

/** https anywhere; plain http only to this computer (a local mirror, the tests). */
function allowedUrl(from: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(from);
  } catch {
    return undefined;
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) return url;
  return undefined;
}

export async function fetchIndicators(from: string): Promise<string> {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(from)) return (await readRegularFile(from, "indicators file", MAX_INDICATORS_BYTES)).toString("utf8");
  const url = allowedUrl(from);
  if (!url) throw new UsageError(t("phone:errors.updateUrl", { from }));
  const { EnvHttpProxyAgent, request } = await import("undici");
  try {
    const response = await request(url, { dispatcher: new EnvHttpProxyAgent(), signal: AbortSignal.timeout(TIMEOUT_MS), maxRedirections: 0 } as Parameters<typeof request>[1]);
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new CouldNotCheckError(t("phone:errors.updateStatus", { from, status: response.statusCode }));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_INDICATORS_BYTES) {
        response.body.destroy();
        throw new CouldNotCheckError(t("phone:errors.updateTooLarge", { from }));
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  } catch (error) {
    if (error instanceof CouldNotCheckError) throw error;
    throw new CouldNotCheckError(t("phone:errors.updateDownload", { from, code: (error as NodeJS.ErrnoException).code ?? (error as Error).name }));
  }
}
