/** Parts of a step the audit asks about at the right moment. No I/O here. */
import type { ChecklistItem } from "./checklist.js";

const REMOVES = /\b(remove|delete|revoke|sign out|log out|unsubscribe|untick|unfollow|block|stop sharing|stop using|disable|reset|leave family)\b/i;

/** "Before you remove anything, take screenshots": a step that warns about removing does not remove. */
const WARNS = /^\s*(before|don't|do not|never)\b/i;

/** The number (from 1) of the first step that removes something, where the steps say so. */
export function firstRemovingStep(item: ChecklistItem): number | undefined {
  // The word lists are English: a translated item is read in the English it was made from (same steps, same order).
  const index = (item.englishSteps ?? item.steps).findIndex((step) => REMOVES.test(step) && !WARNS.test(step));
  return index === -1 ? undefined : index + 1;
}
