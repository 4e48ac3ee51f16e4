/** Reads a whole text input: a file, or stdin when the name is "-". */
import { readFile } from "node:fs/promises";
import { UsageError } from "../errors.js";

export async function readTextInput(file: string, what: string): Promise<string> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    // Names the file and the reason, never its contents.
    throw new UsageError(`Cannot read ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
  }
}
