/** A one-line progress counter on stderr, only for a person watching a terminal. */
import type { CheckProgress } from "../breach/result.js";
import { t } from "../i18n/index.js";
import { oneLine, textWidth } from "./wrap.js";

export interface ProgressLine<P extends CheckProgress = CheckProgress> {
  update(progress: P): void;
  done(): void;
}

/** `describe` words the count after the bar (default "12 of 50"). */
export function progressLine<P extends CheckProgress = CheckProgress>(
  stream: NodeJS.WriteStream,
  label: string,
  describe: (progress: P) => string = ({ done, total }) => t("audit:progress.count", { done, total }),
): ProgressLine<P> {
  let last = 0;
  let shown = false;
  // The bar's width and whether the label shows only ever shrink: words that grow (a time left
  // appears) or shrink again would otherwise make the bar jump at every redraw.
  let barWidth = 24;
  let withLabel = true;
  let lastColumns = 0;
  return {
    update(progress) {
      const { done, total } = progress;
      const now = Date.now();
      if (done !== total && now - last < 100) return;
      last = now;
      shown = true;
      const columns = stream.columns ?? Infinity;
      // A wider window makes room again.
      if (columns > lastColumns) [barWidth, withLabel] = [24, true];
      lastColumns = columns;
      const words = wholeParts(describe(progress), columns - 1);
      const bar = (width: number) => {
        const filled = total === 0 ? width : Math.round((done / total) * width);
        return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
      };
      // One row only: a line the terminal wrapped would leave its first row behind at each redraw.
      // On a narrow screen the label goes first, then the bar shrinks to fit (not under 6), then
      // the words are cut.
      const room = columns - 1 - textWidth(words) - 3;
      if (withLabel && room - textWidth(label) - 1 < barWidth) withLabel = false;
      if (!withLabel) barWidth = Math.max(0, Math.min(barWidth, room));
      const line = barWidth < 6 ? oneLine(words, stream.columns) : `${withLabel ? `${label} ` : ""}${bar(barWidth)} ${words}`;
      stream.write(`\r${line}\u001b[K`);
    },
    done() {
      if (shown) stream.write("\r\u001b[2K");
    },
  };
}

/**
 * Words that do not fit lose their last parts whole ("…, 16.9 hours left"), at a comma (or an
 * Arabic comma), before anything is cut in the middle of a phrase.
 */
function wholeParts(words: string, room: number): string {
  let text = words;
  while (textWidth(text) > room) {
    const cut = Math.max(text.lastIndexOf(", "), text.lastIndexOf("، "));
    if (cut <= 0) break;
    text = text.slice(0, cut);
  }
  return text;
}
