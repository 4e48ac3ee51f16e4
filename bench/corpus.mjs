// The P3 corpus: 10,000 passwords built the same way every run (seeded), from the zxcvbn-ts
// common dictionary: common passwords, their l33t and capitalised variants with years and
// symbols, long passphrases, and random strings.
import * as common from "@zxcvbn-ts/language-common";

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const L33T = { a: ["@", "4"], e: ["3"], i: ["1", "!"], o: ["0"], s: ["$", "5"], t: ["7"], l: ["1"], g: ["9"], b: ["8"] };
const SYMBOLS = "!@#$%&*?";
const CHARSET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_=+";

export function buildCorpus(size = 10_000, seed = 20261125) {
  const rand = prng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const passwords = common.dictionary["passwords-common"];
  const words = common.dictionary["diceware-common"];
  const out = [];
  const n = { common: size * 0.25, variant: size * 0.35, phrase: size * 0.2, random: size * 0.2 };
  for (let i = 0; i < n.common; i++) out.push(pick(passwords));
  for (let i = 0; i < n.variant; i++) {
    let w = [...pick(rand() < 0.5 ? passwords : words)]
      .map((c) => (L33T[c] && rand() < 0.5 ? pick(L33T[c]) : c))
      .join("");
    if (rand() < 0.6) w = w[0].toUpperCase() + w.slice(1);
    if (rand() < 0.6) w += String(1950 + Math.floor(rand() * 76));
    if (rand() < 0.5) w += pick([...SYMBOLS]);
    out.push(w);
  }
  for (let i = 0; i < n.phrase; i++) {
    const count = 3 + Math.floor(rand() * 3);
    out.push(Array.from({ length: count }, () => pick(words)).join(pick([" ", "-", "", "."])));
  }
  for (let i = 0; i < n.random; i++) {
    const len = 8 + Math.floor(rand() * 13);
    out.push(Array.from({ length: len }, () => pick([...CHARSET])).join(""));
  }
  return out;
}
