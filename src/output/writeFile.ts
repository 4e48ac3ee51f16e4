/** Files harden writes for a person (handouts, reports): readable only by them. */
import { chmod, writeFile } from "node:fs/promises";
import { UsageError } from "../errors.js";

export async function writePrivateFile(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text, { mode: 0o600 });
    // writeFile keeps the mode of a file that already existed; make it private either way.
    await chmod(file, 0o600);
  } catch (error) {
    throw new UsageError(`Cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
  }
}
