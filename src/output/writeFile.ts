/**
 * Files harden writes for a person (handouts, reports, evidence exports): readable only by them,
 * and never written through a link. The text goes to a new temporary file beside the final name,
 * which is then renamed over it, so a reader never sees half a file and a link put at the final
 * name is replaced, not followed.
 */
import { randomBytes } from "node:crypto";
import { lstat } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.js";
import { replaceFileSync } from "../files/replace.js";

const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? "error";

/** Why the final name cannot be written to, in words, or undefined when it is free or a regular file. */
async function refusal(file: string): Promise<string | undefined> {
  let stat;
  try {
    stat = await lstat(file);
  } catch (error) {
    if (code(error) === "ENOENT") return undefined;
    if (code(error) === "ENOTDIR") return `Cannot write ${file}: part of that path is a file, not a folder. Choose another file name.`;
    throw error;
  }
  if (stat.isSymbolicLink()) return `Cannot write ${file}: it is a link, and harden does not write through links. Remove it or choose another file name.`;
  if (!stat.isFile()) {
    return `Cannot write ${file}: it is not a regular file (a folder, device or pipe). Choose a file name; to print to the screen, use --output - or leave --output out.`;
  }
  return undefined;
}

function writeError(file: string, error: unknown): UsageError {
  const folder = path.dirname(file);
  switch (code(error)) {
    case "ENOENT":
      return new UsageError(`Cannot write ${file}: the folder ${folder} does not exist. Create it first, or choose another folder.`);
    case "ENOTDIR":
      return new UsageError(`Cannot write ${file}: ${folder} is not a folder. Choose another folder.`);
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return new UsageError(`Cannot write ${file}: you are not allowed to create files in ${folder}. Choose another folder.`);
    case "ENOSPC":
    case "EDQUOT":
      return new UsageError(`Cannot write ${file}: the disk is full. Free some space, or choose another disk.`);
    case "EFBIG":
      return new UsageError(`Cannot write ${file}: it is larger than this system lets harden make one file (a full disk or a file-size limit). Free some space, or choose another disk.`);
    case "EISDIR":
    case "ENOTEMPTY":
    case "EEXIST":
      return new UsageError(`Cannot write ${file}: it is a folder. Choose a file name.`);
    default:
      return new UsageError(`Cannot write ${file} (${code(error)}). Check the folder, or choose another one.`);
  }
}

export async function writePrivateFile(file: string, text: string): Promise<void> {
  const refused = await refusal(file).catch((error: unknown) => {
    throw writeError(file, error);
  });
  if (refused) throw new UsageError(refused);
  // A name of its own in the same folder, hidden, and marked as harden's.
  const temp = path.join(path.dirname(file), `.${path.basename(file).slice(0, 180)}.harden-${randomBytes(6).toString("hex")}.tmp`);
  try {
    replaceFileSync(file, temp, text);
  } catch (error) {
    throw writeError(file, error);
  }
}
