/** Reads a whole text input: a regular file, or stdin when the name is "-"; either at most `maxBytes`. */
import { UsageError } from "../errors.js";
import { formatSize, readRegularFile } from "../files/regular.js";

/** `what` names the input in messages ("answers file", "export"); a message never quotes the contents. */
export async function readTextInput(file: string, what: string, maxBytes: number): Promise<string> {
  if (file !== "-") return (await readRegularFile(file, what, maxBytes)).toString("utf8");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      process.stdin.destroy();
      throw new UsageError(`The ${what} on stdin is larger than ${formatSize(maxBytes)}, the most harden reads for one ${what}.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
