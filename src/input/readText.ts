/** Reads a whole text input: a regular file, or stdin when the name is "-"; either at most `maxBytes`. */
import { UsageError } from "../errors.js";
import { formatSize, inputName, readRegularFile } from "../files/regular.js";
import { t } from "../i18n/index.js";

/** `what` names the input in messages ("answers file", "export"); a message never quotes the contents. */
export async function readTextInput(file: string, what: string, maxBytes: number): Promise<string> {
  if (file !== "-") return (await readRegularFile(file, what, maxBytes)).toString("utf8");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      process.stdin.destroy();
      throw new UsageError(t("errors:file.stdinTooLarge", { what: inputName(what), size: formatSize(maxBytes) }));
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
