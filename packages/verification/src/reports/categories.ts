/** What a consumer can say is wrong with a pack (browser-safe: the form and the server share it). */
export const REPORT_CATEGORIES = [
  "wrong_verdict",
  "already_used",
  "damaged_seal",
  "looks_different",
  "wrong_pin",
  "other",
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const MAX_REPORT_TEXT = 1000;
export const MAX_REPORT_CONTACT = 200;
