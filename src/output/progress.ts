/** A one-line progress counter on stderr, only for a person watching a terminal. */
import type { CheckProgress } from "../breach/result.js";

export interface ProgressLine {
  update(progress: CheckProgress): void;
  done(): void;
}

export function progressLine(stream: NodeJS.WriteStream, label: string): ProgressLine {
  let last = 0;
  let shown = false;
  return {
    update({ done, total }) {
      const now = Date.now();
      if (done !== total && now - last < 100) return;
      last = now;
      shown = true;
      const width = 24;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done} of ${total}`);
    },
    done() {
      if (shown) stream.write("\r\u001b[2K");
    },
  };
}
