/**
 * Lists of problems, unknown ids or skipped rows are cut short, so a broken or hostile file
 * gives a screenful that says what is wrong, not megabytes of it.
 */

/** How many lines a message lists before "and N more". */
export const MAX_LISTED = 20;

/** At most `max` lines, then "and N more" when there were more. */
export function atMost(lines: readonly string[], max = MAX_LISTED): string[] {
  return lines.length <= max ? [...lines] : [...lines.slice(0, max), `and ${lines.length - max} more`];
}

/** How much of one value from a file a message repeats. */
export const MAX_QUOTED = 80;

/** A value from a file shortened for a message: "abc…" after MAX_QUOTED characters. */
export function clip(text: string, max = MAX_QUOTED): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
