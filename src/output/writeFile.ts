/** Files harden writes for a person (handouts, reports): readable only by them. */
import { open } from "node:fs/promises";
import { UsageError } from "../errors.js";

export async function writePrivateFile(file: string, text: string): Promise<void> {
  try {
    const handle = await open(file, "w", 0o600);
    try {
      // A file that already existed keeps its mode on open: make it private before writing.
      await handle.chmod(0o600);
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new UsageError(`Cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
  }
}
