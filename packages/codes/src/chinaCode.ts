import { at, ChinaCodeError } from "./errors";
import { describeChar } from "./cset82";
import { normalizeCommon, type Repair } from "./normalizeInput";
import { stripSymbology } from "./symbology";

/**
 * China's drug traceability code (药品追溯码, NMPAB/T 1002-2019) as commonly printed: 20 digits,
 * the first 7 the drug identifier (药品标识码) assigned with the product, then the pack's serial,
 * then a check digit. The check digit's algorithm belongs to the issuing code organisation and is
 * not public in the standard's summary, so it is kept but not verified here; the national query
 * service is the authority on whether a code exists.
 */
export interface ChinaTraceCode {
  format: "china-nmpa";
  /** all 20 digits: the identifier the national query and insurance scans use */
  code: string;
  /** first 7 digits: the drug identifier (product + packaging level) */
  productCode: string;
  /** digits 8 to 19: the pack's serial */
  serial: string;
  /** digit 20 */
  checkDigit: string;
  repairs: Repair[];
}

/**
 * Reads a 20-digit China drug traceability code; spaces and dashes between digit groups (as
 * printed under the barcode) are ignored.
 * @throws ChinaCodeError naming the position of a non-digit or the wrong length
 */
export function parseChinaCode(input: string): ChinaTraceCode {
  // A plain Code 128 (]C0) is how the code is printed; a scanner may send that identifier first.
  const stripped = stripSymbology(normalizeCommon(input));
  if (stripped.symbology && stripped.symbology.content !== "plain") {
    const position = stripped.t.rawIndex[0]! - stripped.symbology.id.length;
    throw new ChinaCodeError(
      "unrecognised-format",
      `${stripped.symbology.id} marks ${stripped.symbology.carrier} data, not a China traceability code`,
      { field: "China traceability code", position },
    );
  }
  const t = stripped.t;
  let digits = "";
  for (let i = 0; i < t.text.length; i++) {
    const ch = t.text[i]!;
    if (ch >= "0" && ch <= "9") digits += ch;
    else if (ch !== " " && ch !== "-") {
      const position = t.rawIndex[i]!;
      throw new ChinaCodeError(
        "invalid-character",
        `China traceability code: ${describeChar(ch)} is not a digit (${at(position)})`,
        {
          field: "China traceability code",
          position,
        },
      );
    }
  }
  if (digits.length !== 20) {
    throw new ChinaCodeError("invalid-length", `China traceability code has ${digits.length} digits; expected 20`, {
      field: "China traceability code",
      position: t.rawIndex[t.text.length]!,
    });
  }
  return {
    format: "china-nmpa",
    code: digits,
    productCode: digits.slice(0, 7),
    serial: digits.slice(7, 19),
    checkDigit: digits.slice(19),
    repairs: t.repairs,
  };
}
