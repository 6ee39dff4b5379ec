/**
 * A recall or quarantine reason as typed in the forms: English required, Chinese optional, each made one
 * line, written on the ledger as one string (composeReason) that the ledger's rules must accept whole.
 * Browser-safe.
 */
import { composeReason } from "@tracemed/chain/reason";
import {
  checkLedgerText,
  firstRefusedCharacter,
  MAX_REASON_BYTES,
  oneLine,
  type LedgerTextProblem,
} from "@tracemed/codes/browser";

export type ReasonCheck = { ok: true; onChain: string } | { ok: false; field: "en" | "zh"; problem: LedgerTextProblem };

/** The reason to write, or the field at fault and why (too long counts both languages together). */
export function checkReason(en: string, zh: string): ReasonCheck {
  const enLine = oneLine(en);
  const zhLine = oneLine(zh);
  const enProblem = checkLedgerText(enLine, MAX_REASON_BYTES);
  if (enProblem) return { ok: false, field: "en", problem: enProblem };
  const character = zhLine ? firstRefusedCharacter(zhLine) : undefined;
  if (character) return { ok: false, field: "zh", problem: { problem: "character", character } };
  const onChain = composeReason({ en: enLine, zh: zhLine });
  const whole = checkLedgerText(onChain, MAX_REASON_BYTES);
  if (whole) return { ok: false, field: zhLine ? "zh" : "en", problem: whole };
  return { ok: true, onChain };
}

/** What a form says of a reason's problem, in its own words. */
export interface ReasonSentences {
  missing: string;
  tooLong: (bytes: number, max: number) => string;
  character: (position: number, char: string) => string;
}

/**
 * The problem a form shows under the field at fault, as typed: a character the ledger refuses or a reason
 * too long at once, a reason not given only once `asked` (the form was sent).
 */
export function reasonProblem(
  checked: ReasonCheck,
  asked: boolean,
  say: ReasonSentences,
): { field: "en" | "zh"; text: string } | null {
  if (checked.ok) return null;
  const bad = checked.problem;
  if (bad.problem === "too-long") return { field: checked.field, text: say.tooLong(bad.bytes, bad.max) };
  if (bad.problem === "character")
    return { field: checked.field, text: say.character(bad.character.character, bad.character.label) };
  return asked ? { field: checked.field, text: say.missing } : null;
}
