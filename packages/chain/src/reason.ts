/**
 * Bilingual recall and quarantine reasons. The ledger keeps one reason string per status change; a
 * reason given in English and Chinese is written as `${en} | 中文: ${zh}`, so a reader of the raw event
 * still sees both, and every page reads it back with `readReason`. The ledger's byte limit
 * (MAX_REASON_BYTES) covers the whole string.
 */

/** What separates the English reason from the Chinese one on the ledger. */
export const REASON_ZH_SEPARATOR = " | 中文: ";

export interface BilingualReason {
  en: string;
  zh: string | null;
}

/** The on-chain text of a reason: `en` alone, or both when `zh` is given (blank `zh` counts as none). */
export function composeReason(reason: { en: string; zh?: string | null }): string {
  const en = reason.en.trim();
  const zh = reason.zh?.trim();
  return zh ? `${en}${REASON_ZH_SEPARATOR}${zh}` : en;
}

/**
 * A reason read back from the ledger: split at the last separator, so an English reason that happens
 * to contain the separator keeps it. A reason written without a Chinese part reads `zh: null`.
 */
export function readReason(onChain: string): BilingualReason {
  const at = onChain.lastIndexOf(REASON_ZH_SEPARATOR);
  if (at < 0) return { en: onChain, zh: null };
  const zh = onChain.slice(at + REASON_ZH_SEPARATOR.length).trim();
  return { en: onChain.slice(0, at), zh: zh === "" ? null : zh };
}

/** The reason in the reader's language (`zh` for Chinese readers when given), the English otherwise. */
export function reasonIn(onChain: string, locale: string): string {
  const r = readReason(onChain);
  return locale.startsWith("zh") && r.zh ? r.zh : r.en;
}
