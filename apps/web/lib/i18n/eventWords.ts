/**
 * Ledger events and EPCIS business steps in the words staff use: what every staff page shows for an
 * event, so that no contract event name (`PacksDispenseUndone`) reaches a page. Browser-safe.
 */
import { fmt } from "./locales";
import type { Messages } from "./messages";

/** An event's words; an event without its own (one a newer ledger emits, or none at all) is "other". */
export function eventWords(m: Messages, name: string | null | undefined): string {
  const words: Record<string, string> = m.pages.events;
  return name && Object.hasOwn(words, name) ? words[name]! : words.other!;
}

/** A GS1 business step as a note beside its event ("EPCIS step: shipping"), or null for none. */
export function bizStepNote(m: Messages, step: string | null | undefined): string | null {
  const words: Record<string, string> = m.pages.bizSteps;
  if (!step || !Object.hasOwn(words, step)) return null;
  return fmt(m.pages.bizStepNote, { step: words[step]! });
}
