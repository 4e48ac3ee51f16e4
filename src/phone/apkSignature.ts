/**
 * The signing certificates of an APK, from the end of the file: the APK Signature Scheme v2/v3
 * block sits just before the ZIP central directory ("APK Sig Block 42"; source.android.com,
 * "APK Signature Scheme v2", and apksig's ApkSigningBlockUtils). Only the last bytes of the APK
 * are needed, so harden reads its tail (adb exec-out tail -c N), never the whole app. Pure: bytes
 * in, SHA-1s (upper-case hex, as the indicators write them) out; undefined when the tail does
 * not hold the block (an APK signed only the old v1 way, or a tail too short).
 */
import { createHash } from "node:crypto";

const EOCD = 0x06054b50;
const MAGIC = Buffer.from("APK Sig Block 42", "latin1");
/** v3.1, v3 and v2 signature scheme block ids; the newest present wins. */
const SCHEME_IDS = [0x1b93ad61, 0xf05368c0, 0x7109871a];

/** A length-prefixed (u32 little-endian) piece at `at`, if it fits in [at, end). */
function piece(buf: Buffer, at: number, end: number): { start: number; end: number } | undefined {
  if (at + 4 > end) return undefined;
  const length = buf.readUInt32LE(at);
  const start = at + 4;
  return start + length <= end ? { start, end: start + length } : undefined;
}

/** Every length-prefixed piece between start and end. */
function pieces(buf: Buffer, start: number, end: number): Array<{ start: number; end: number }> | undefined {
  const out: Array<{ start: number; end: number }> = [];
  for (let at = start; at < end; ) {
    const p = piece(buf, at, end);
    if (!p) return undefined;
    out.push(p);
    at = p.end;
  }
  return out;
}

function findEocd(buf: Buffer): number | undefined {
  // The record is 22 bytes, followed by a comment of at most 65535 bytes.
  for (let at = buf.length - 22; at >= Math.max(0, buf.length - 22 - 0xffff); at--) {
    if (buf.readUInt32LE(at) === EOCD && at + 22 + buf.readUInt16LE(at + 20) === buf.length) return at;
  }
  return undefined;
}

/** The signature-scheme blocks (id → value range) of the APK whose last bytes are `tail`. */
function schemeBlocks(tail: Buffer): Map<number, { start: number; end: number }> | undefined {
  if (tail.length < 22) return undefined;
  const eocd = findEocd(tail);
  if (eocd === undefined) return undefined;
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || cdSize > eocd) return undefined; // ZIP64, or not a whole directory
  const cdStart = eocd - cdSize;
  if (cdStart < 24 || !tail.subarray(cdStart - 16, cdStart).equals(MAGIC)) return undefined;
  const size = tail.readBigUInt64LE(cdStart - 24);
  const blockStart = cdStart - Number(size) - 8;
  if (size > BigInt(tail.length) || blockStart < 0 || tail.readBigUInt64LE(blockStart) !== size) return undefined;
  const blocks = new Map<number, { start: number; end: number }>();
  for (let at = blockStart + 8; at < cdStart - 24; ) {
    if (at + 12 > cdStart - 24) return undefined;
    const length = tail.readBigUInt64LE(at);
    if (length < 4n || length > BigInt(cdStart - 24 - at - 8)) return undefined;
    const id = tail.readUInt32LE(at + 8);
    blocks.set(id, { start: at + 12, end: at + 8 + Number(length) });
    at += 8 + Number(length);
  }
  return blocks;
}

export function signingCertificates(tail: Buffer): string[] | undefined {
  try {
    const blocks = schemeBlocks(tail);
    const id = SCHEME_IDS.find((i) => blocks?.has(i));
    if (!blocks || id === undefined) return undefined;
    const block = blocks.get(id)!;
    const signers = piece(tail, block.start, block.end);
    const certificates: string[] = [];
    for (const signer of (signers && pieces(tail, signers.start, signers.end)) ?? []) {
      const signed = piece(tail, signer.start, signer.end);
      const digests = signed && piece(tail, signed.start, signed.end);
      const certs = digests && piece(tail, digests.end, signed.end);
      for (const cert of (certs && pieces(tail, certs.start, certs.end)) ?? []) {
        certificates.push(createHash("sha1").update(tail.subarray(cert.start, cert.end)).digest("hex").toUpperCase());
      }
    }
    return certificates.length > 0 ? [...new Set(certificates)] : undefined;
  } catch {
    // A read past the end of a damaged block: not read, never a crash.
    return undefined;
  }
}
