#!/usr/bin/env node
/**
 * Build step: harden's compact site data (data/sites/sites.json) from the directories' own files.
 *
 *   node scripts/build-sites.mjs [--2fa DIR] [--passkeys DIR]   regenerate (after npm run build's tsc)
 *   node scripts/build-sites.mjs --check                        validate the shipped file (npm run build)
 *   --out DIR                                                   write (or check) DIR/sites.json instead
 *
 * DIR holds all-entries.json, LICENSE.md and SOURCE.txt (the commit it was taken at); the defaults
 * are ../shared/data/2fa-directory and ../shared/data/passkeys-directory beside the repository.
 * 2fa.directory entries are checked against its entries.schema.json (kept in data/sites/), and the
 * result against data/sites/sites.schema.json; any problem stops the build and names FILE:LINE.
 */
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const value = (flag, fallback) => {
  const at = args.indexOf(flag);
  return at < 0 ? fallback : path.resolve(args[at + 1] ?? "");
};
// --out DIR: write somewhere else (the tests build into a temporary folder).
const out = value("--out", path.join(root, "data", "sites"));
const { checkCompact, compactText, compileSites, sourceCommit } = await import(pathToFileURL(path.join(root, "dist", "sites", "directory.js")).href);

try {
  if (args.includes("--check")) {
    const file = path.join(out, "sites.json");
    checkCompact(JSON.parse(readFileSync(file, "utf8")), path.relative(root, file));
  } else {
    const twofa = value("--2fa", path.resolve(root, "..", "shared", "data", "2fa-directory"));
    const passkeys = value("--passkeys", path.resolve(root, "..", "shared", "data", "passkeys-directory"));
    const read = (dir, name) => ({ file: path.join(dir, name), text: readFileSync(path.join(dir, name), "utf8") });
    const commits = {
      twofa: sourceCommit(read(twofa, "SOURCE.txt").text, path.join(twofa, "SOURCE.txt")),
      passkeys: sourceCommit(read(passkeys, "SOURCE.txt").text, path.join(passkeys, "SOURCE.txt")),
    };
    const data = compileSites(read(twofa, "all-entries.json"), read(passkeys, "all-entries.json"), commits);
    writeFileSync(path.join(out, "sites.json"), compactText(data));
    copyFileSync(path.join(twofa, "LICENSE.md"), path.join(out, "LICENSE-2fa.directory.md"));
    copyFileSync(path.join(passkeys, "LICENSE.md"), path.join(out, "LICENSE-passkeys.directory.md"));
    // The upstream copies may be read-only; ours must stay writable for the next rebuild.
    for (const name of ["LICENSE-2fa.directory.md", "LICENSE-passkeys.directory.md"]) chmodSync(path.join(out, name), 0o644);
    const [a, b] = data.sources;
    writeFileSync(
      path.join(out, "SOURCE.txt"),
      [
        "harden's site data (sites.json), built by scripts/build-sites.mjs. Do not edit by hand: run the script again.",
        "",
        `Two-factor methods and documentation links: 2fa.directory (${a.home}), ${a.repository} at commit ${a.commit}.`,
        `  Licence: ${a.licence} (LICENSE-2fa.directory.md). Copyright 2021- 2factorauth and contributors.`,
        `Passkeys (passwordless or as a second factor): passkeys.directory (${b.home}), ${b.repository} at commit ${b.commit}.`,
        `  Licence: ${b.licence} (LICENSE-passkeys.directory.md, ${b.licenceUrl}). Changes: only the fields harden uses`,
        "  (passwordless, mfa, documentation, additional domains) are kept, merged with the 2fa.directory entry of the same domain.",
        `Also added by harden: google.com, apple.com, live.com and microsoft.com as domains of the Google (Gmail), Apple ID and`,
        "  Microsoft (Outlook.com) accounts they sign in to.",
        "",
      ].join("\n"),
    );
    process.stderr.write(`Wrote ${path.relative(root, path.join(out, "sites.json"))}: ${data.sites.length} sites.\n`);
  }
} catch (error) {
  process.stderr.write(`${error.message}\n${(error.problems ?? []).map((p) => `  ${p}`).join("\n")}\n`);
  process.exitCode = 1;
}
