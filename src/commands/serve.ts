/**
 * harden serve --offline PATH: answers range requests from downloaded data, so a room of laptops
 * can check passwords without the internet. Listens on loopback unless --listen says otherwise.
 * Runs until `signal` aborts (Ctrl-C or SIGTERM), then returns what it answered, as counts.
 */
import { networkInterfaces } from "node:os";
import { isIP } from "node:net";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { CommandResult } from "../output/results.js";
import type { ServeCounts } from "../serve/rangeServer.js";
import type { Context } from "./context.js";
import { isLocalHost } from "./passwordOptions.js";

export interface ServeOptions {
  offline?: string;
  listen?: string;
  logPrefixes?: boolean;
}

export interface ServeListening {
  /** What the socket is bound to. */
  readonly bound: string;
  /** The range URL to give participants (passes --range-url's rule for plain http unless notLocal). */
  readonly url: string;
  /** Bound to loopback: only this computer can reach it. */
  readonly localOnly: boolean;
  /** Bound to every address, and no local network address was found to print. */
  readonly noAddress: boolean;
  /** Bound to an address that is not on a local network: harden's client refuses plain http to it. */
  readonly notLocal: boolean;
  /** Bound to every address: this computer's other local network addresses, after the one in url. */
  readonly otherAddresses: readonly string[];
  /** `harden data verify` found the data sound, as it is now. */
  readonly verified: boolean;
  readonly path: string;
  readonly format: string;
  readonly mode: string;
}

export const DEFAULT_LISTEN = "127.0.0.1:8787";

export function parseListen(value: string): { host: string; port: number } {
  const bad = () => new UsageError(t("data:usage.listen", { value }));
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(value) ?? /^()()(\d{1,5})$/.exec(value);
  if (!match) throw bad();
  const port = Number(match[3]);
  if (port > 65535) throw bad();
  const host = match[1] || match[2] || "127.0.0.1";
  if (host !== "localhost" && isIP(host) === 0) throw bad();
  return { host, port };
}

const isLoopback = (host: string) => host === "localhost" || host === "::1" || /^127\./.test(host);

/** Interface names of containers, virtual machines and tunnels: a room is rarely on one of them. */
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|lxc|lxd|cni|flannel|cali|podman|tun|tap|wg|zt|tailscale|utun)/i;

/**
 * This computer's local network addresses that `host` listens on, for the room: IPv4 before
 * IPv6 (fc00::/7, which `--range-url` takes too), and a real interface's (Wi-Fi, Ethernet)
 * before a container's or a virtual machine's. `0.0.0.0` is IPv4 only; `::` is both.
 */
function roomAddresses(host: string): string[] {
  const found: { address: string; rank: number }[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const entry of list ?? []) {
      if (entry.internal || !isLocalHost(entry.address) || (entry.family === "IPv6" && host !== "::")) continue;
      found.push({ address: entry.address, rank: (entry.family === "IPv4" ? 0 : 2) + (VIRTUAL.test(name) ? 1 : 0) });
    }
  }
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.address);
}

const urlHost = (host: string) => (isIP(host) === 6 ? `[${host}]` : host);

export async function serveCommand(
  ctx: Context,
  options: ServeOptions,
  deps: { signal: AbortSignal; onListening: (info: ServeListening) => void; onRequest?: (line: { method: string; path: string; status: number }) => void; onCounts?: (counts: ServeCounts) => void; countsEveryMs?: number },
): Promise<CommandResult> {
  const path = options.offline;
  if (path === undefined) throw new UsageError(t("data:usage.needOffline"));
  const { host, port } = parseListen(options.listen ?? DEFAULT_LISTEN);
  const { openRangeSource } = await import("../serve/ranges.js");
  const { startRangeServer } = await import("../serve/rangeServer.js");
  const source = await openRangeSource(path);
  // A room should not be handed a copy nobody checked: said at the start, not found out in the room.
  const { wasVerified } = await import("../state/verifiedData.js");
  const { stateDir } = await import("../state/dir.js");
  const verified = wasVerified(stateDir(ctx.env), path);
  let server;
  try {
    server = await startRangeServer({ source, host, port, onRequest: options.logPrefixes ? deps.onRequest : undefined });
  } catch (error) {
    await source.close();
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UsageError(t("data:usage.cannotListen", { address: `${urlHost(host)}:${port}`, code }));
  }
  const started = performance.now();
  const bound = server.address;
  const everywhere = bound.host === "0.0.0.0" || bound.host === "::";
  const addresses = everywhere ? roomAddresses(bound.host) : [bound.host];
  const shown = addresses[0];
  const localOnly = isLoopback(bound.host);
  deps.onListening({
    bound: `${urlHost(bound.host)}:${bound.port}`,
    url: `http://${urlHost(shown ?? "127.0.0.1")}:${bound.port}/range/`,
    localOnly,
    noAddress: everywhere && shown === undefined,
    notLocal: !everywhere && !localOnly && !isLocalHost(bound.host),
    otherAddresses: everywhere ? addresses.slice(1) : [],
    verified,
    path,
    format: source.format,
    mode: source.mode,
  });
  // Counts only, now and then, and only when they changed: never which prefixes were asked for.
  let lastRequests = 0;
  const timer = setInterval(() => {
    if (server.counts.requests === lastRequests) return;
    lastRequests = server.counts.requests;
    deps.onCounts?.({ ...server.counts });
  }, deps.countsEveryMs ?? 60_000);
  timer.unref();
  try {
    await new Promise<void>((resolve) => {
      if (deps.signal.aborted) resolve();
      deps.signal.addEventListener("abort", () => resolve(), { once: true });
    });
  } finally {
    clearInterval(timer);
    await server.close();
    await source.close();
  }
  return { kind: "serve", counts: { ...server.counts }, seconds: (performance.now() - started) / 1000, interrupted: deps.signal.reason === "SIGINT" };
}
