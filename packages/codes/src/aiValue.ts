import type { AiSpec } from "./ai";
import { gs1CheckDigit } from "./checkDigit";
import { describeChar, isCset82Char } from "./cset82";
import type { CodesErrorCode } from "./errors";
import { parseYymmdd } from "./expiry";

/** Why a value does not fit its AI; `offset` is 0-based inside the value. */
export interface AiValueProblem {
  code: CodesErrorCode;
  message: string;
  offset: number;
}

/**
 * Checks a value against its AI's format: length, character set, check digit and date rules.
 * Returns undefined when the value is valid.
 */
export function checkAiValue(spec: AiSpec, value: string, referenceYear?: number): AiValueProblem | undefined {
  if (value.length < spec.minLength || value.length > spec.maxLength) {
    const range = spec.minLength === spec.maxLength ? `${spec.minLength}` : `${spec.minLength} to ${spec.maxLength}`;
    return {
      code: "invalid-length",
      message: `${spec.field} has ${value.length} characters; expected ${range}`,
      offset: Math.min(value.length, spec.maxLength),
    };
  }
  let start = 0;
  for (let c = 0; c < spec.components.length; c++) {
    const comp = spec.components[c]!;
    const last = c === spec.components.length - 1;
    const end = last ? value.length : start + comp.max;
    const part = value.slice(start, end);
    for (let i = 0; i < part.length; i++) {
      const code = part.charCodeAt(i);
      const ok = comp.type === "N" ? code >= 48 && code <= 57 : isCset82Char(code);
      if (!ok) {
        const what = comp.type === "N" ? "a digit" : "a GS1 character (CSET 82)";
        return {
          code: "invalid-character",
          message: `${spec.field}: ${describeChar(part[i])} is not ${what}`,
          offset: start + i,
        };
      }
    }
    if (comp.check === "csum") {
      const expected = gs1CheckDigit(part.slice(0, -1));
      const actual = part.charCodeAt(part.length - 1) - 48;
      if (expected !== actual) {
        return {
          code: "invalid-check-digit",
          message: `${spec.field}: check digit is ${actual}, expected ${expected}`,
          offset: start + part.length - 1,
        };
      }
    } else if (comp.check === "date0" || comp.check === "date" || comp.check === "datetime") {
      try {
        parseYymmdd(part.slice(0, 6), {
          allowDayZero: comp.check === "date0",
          field: spec.field,
          ...(referenceYear === undefined ? {} : { referenceYear }),
        });
      } catch (e) {
        const position = (e as { position?: number }).position ?? 0;
        return { code: "invalid-date", message: (e as Error).message, offset: start + position };
      }
      if (comp.check === "datetime") {
        const hh = Number(part.slice(6, 8));
        const mm = Number(part.slice(8, 10));
        if (hh > 23 || mm > 59) {
          return {
            code: "invalid-date",
            message: `${spec.field}: time ${part.slice(6, 10)} does not exist`,
            offset: start + 6,
          };
        }
      }
    }
    start = end;
  }
  return undefined;
}
