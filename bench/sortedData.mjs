// A generated sorted SHA-1 HASH:COUNT file like the downloader's, shared by P2 and P5.
import { randomBytes } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";

/**
 * Writes `lines` uniform sorted hashes without sorting millions of strings: line n's first 13
 * hex digits are (n + 0.5 + jitter) / lines of 2^52, jitter under half a step either way, so
 * they rise strictly and span 00000 to FFFFF like the real data (a file of 2^20 lines or more
 * has every prefix); the other 27 are random. Returns `keep` of the hashes, spread evenly, to
 * look up, and `hasPrefix`: a lookup under a prefix with no line rightly answers "unknown" (the
 * real data has every prefix; the copy is incomplete), which only small files have.
 */
export function writeSortedHashes(file, lines, keep = 0) {
  const fd = openSync(file, "w");
  const present = [];
  const prefixes = new Uint8Array(16 ** 5);
  const every = Math.max(1, Math.floor(lines / Math.max(1, keep)));
  const step = 2 ** 52 / lines;
  let head = 0;
  let hash = "";
  let chunk = [];
  const tailHex = randomBytes(14 * 65536).toString("hex").toUpperCase();
  for (let n = 0; n < lines; n++) {
    head = Math.floor((n + 0.5 + (Math.random() - 0.5) * 0.98) * step);
    const tailAt = (n * 27) % (tailHex.length - 27);
    hash = head.toString(16).toUpperCase().padStart(13, "0") + tailHex.slice(tailAt, tailAt + 27);
    chunk.push(`${hash}:${1 + (n % 997)}`);
    prefixes[Math.floor(head / 16 ** 8)] = 1;
    if (n % every === every >> 1 && present.length < keep) present.push(hash);
    if (chunk.length === 100_000) {
      writeSync(fd, `${chunk.join("\r\n")}\r\n`);
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, `${chunk.join("\r\n")}\r\n`);
  closeSync(fd);
  return { present, hasPrefix: (hex) => prefixes[Number.parseInt(hex.slice(0, 5), 16)] === 1 };
}
