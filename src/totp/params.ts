/**
 * A TOTP set-up as an authenticator app sees it: a base32 secret, or an otpauth:// URI that
 * also carries digits, period and algorithm. Errors never repeat the secret.
 */
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";

export const ALGORITHMS = ["sha1", "sha256", "sha512"] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export interface TotpParams {
  /** Base32, upper case, no spaces or padding. */
  secret: string;
  digits: 6 | 8;
  period: number;
  algorithm: Algorithm;
  issuer?: string;
  label?: string;
}

export interface TotpOverrides {
  digits?: string;
  period?: string;
  algorithm?: string;
}

/**
 * 80 bits (10 bytes): what many services issue, so it is accepted although RFC 4226 asks for
 * 128; anything shorter is refused. codes.ts lowers otplib's own minimum to match.
 */
export const MIN_SECRET_CHARS = 16;
/** otplib refuses keys longer than 64 bytes: 103 base32 characters. */
export const MAX_SECRET_CHARS = 103;

const BASE32 = /^[A-Z2-7]+$/;
const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function normalizeBase32(input: string): string {
  const secret = input.replace(/[\s-]/g, "").replace(/=+$/, "").toUpperCase();
  if (secret === "") throw new UsageError(t("password:totp.error.empty"));
  if (!BASE32.test(secret)) throw new UsageError(t("password:totp.error.notBase32", { letters: "A-Z", digits: "2-7" }));
  if (secret.length < MIN_SECRET_CHARS) {
    throw new UsageError(t("password:totp.error.tooShort", { count: secret.length, n: secret.length, min: MIN_SECRET_CHARS }));
  }
  if (secret.length > MAX_SECRET_CHARS) {
    throw new UsageError(t("password:totp.error.tooLong", { count: secret.length, n: secret.length, max: MAX_SECRET_CHARS }));
  }
  // A base32 key encodes whole bytes, so the bits left over after the last byte are zero. The
  // decoder refuses anything else, which means a character is missing, extra or mistyped.
  const spareBits = (secret.length * 5) % 8;
  const lastValue = BASE32_ALPHABET.indexOf(secret.charAt(secret.length - 1));
  if (spareBits >= 5 || (lastValue & ((1 << spareBits) - 1)) !== 0) {
    throw new UsageError(t("password:totp.error.notWhole", { count: secret.length, n: secret.length }));
  }
  return secret;
}

/**
 * Where a setting came from. A flag's own value is safe to repeat; a field of an otpauth
 * address is not: a secret pasted in the wrong place ("digits=6secret=...") would be echoed.
 */
type Source = "flag" | "address";

/** `expected` names a message: what the field should be. */
const wrongField = (field: string, expected: string) =>
  new UsageError(t("password:totp.error.wrongField", { field, expected: t(`password:totp.error.expected.${expected}`), flag: `--${field}` }));

export function parseDigits(value: string, source: Source = "flag"): 6 | 8 {
  const n = Number(value);
  if (n === 6 || n === 8) return n;
  throw source === "flag" ? new UsageError(t("password:totp.error.digits", { flag: "--digits", value: `"${value}"` })) : wrongField("digits", "digits");
}

export function parsePeriod(value: string, source: Source = "flag"): number {
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= 3600) return n;
  throw source === "flag"
    ? new UsageError(t("password:totp.error.period", { flag: "--period", value: `"${value}"` }))
    : wrongField("period", "period");
}

export function parseAlgorithm(value: string, source: Source = "flag"): Algorithm {
  const a = value.toLowerCase().replace("-", "");
  if ((ALGORITHMS as readonly string[]).includes(a)) return a as Algorithm;
  throw source === "flag" ? new UsageError(t("password:totp.error.algorithm", { flag: "--algorithm", value: `"${value}"` })) : wrongField("algorithm", "algorithm");
}

/** Every message here names a part of the address, never what is in it: any part may hold the secret. */
function parseUri(text: string): TotpParams {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(t("password:totp.error.unreadable"));
  }
  if (url.protocol !== "otpauth:") throw new UsageError(t("password:totp.error.scheme", { scheme: "otpauth://" }));
  if (url.host.toLowerCase() !== "totp") {
    throw new UsageError(t("password:totp.error.notTotp", { example: "otpauth://totp/..." }));
  }
  // Two of a field (secret=A&secret=B) would silently use one: which one the service meant is unknown.
  for (const field of ["secret", "digits", "period", "algorithm", "issuer"]) {
    if (url.searchParams.getAll(field).length > 1) throw new UsageError(t("password:totp.error.repeated", { field }));
  }
  const secret = url.searchParams.get("secret");
  if (!secret) throw new UsageError(t("password:totp.error.noSecret", { field: "secret=..." }));
  let label: string;
  try {
    label = decodeURIComponent(url.pathname.replace(/^\//, ""));
  } catch {
    throw new UsageError(t("password:totp.error.brokenEscape"));
  }
  const params = url.searchParams;
  return {
    secret: normalizeBase32(secret),
    digits: params.has("digits") ? parseDigits(params.get("digits")!, "address") : 6,
    period: params.has("period") ? parsePeriod(params.get("period")!, "address") : 30,
    algorithm: params.has("algorithm") ? parseAlgorithm(params.get("algorithm")!, "address") : "sha1",
    issuer: params.get("issuer") ?? (label.includes(":") ? label.split(":")[0] : undefined),
    label: label || undefined,
  };
}

/**
 * Reads a secret or an otpauth:// URI. Values inside the URI win over defaults; flags given
 * explicitly win over both, so a person can correct a wrong URI.
 */
export function parseTotpInput(text: string, overrides: TotpOverrides = {}): TotpParams {
  const trimmed = text.trim();
  const base: TotpParams = /^otpauth:/i.test(trimmed)
    ? parseUri(trimmed)
    : { secret: normalizeBase32(trimmed), digits: 6, period: 30, algorithm: "sha1" };
  return {
    ...base,
    ...(overrides.digits !== undefined && { digits: parseDigits(overrides.digits) }),
    ...(overrides.period !== undefined && { period: parsePeriod(overrides.period) }),
    ...(overrides.algorithm !== undefined && { algorithm: parseAlgorithm(overrides.algorithm) }),
  };
}
