/**
 * Strings from the chain, stored without loss. A ledger `string` is any bytes: the contracts of an older
 * deployment (or another chain's) accepted U+0000 and invalid UTF-8, and PostgreSQL's text and jsonb refuse
 * the first and cannot hold the second (a lenient decoder turns it into U+FFFD, which loses the bytes).
 *
 * So each string is stored as text plus, only when that text is not exactly its bytes, the bytes beside it
 * (a bytea column, or 0x hex in CustodyEvent.rawArgs). Valid UTF-8 without U+0000, nearly every string,
 * is stored as is and costs nothing more. Any other string's text is escaped: U+0000 as `\u0000` and each
 * byte that is not part of valid UTF-8 as `\xNN`; the text alone may then be ambiguous (a lot could
 * really be spelled `A\u0000`), the bytes beside it are not. Showing text safely (control and bidi
 * characters made visible) is the web app's job (displayText in @tracemed/codes).
 */
import type { Hex } from "viem";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf8 = new TextEncoder();

/** The length of the UTF-8 sequence a lead byte announces (0: not a lead byte). */
const sequenceLength = (b: number) => (b < 0x80 ? 1 : b < 0xc2 ? 0 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : b < 0xf5 ? 4 : 0);

function escaped(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes[i]!);
    let ch: string | null = null;
    if (n > 0 && i + n <= bytes.length) {
      try {
        ch = strict.decode(bytes.subarray(i, i + n));
      } catch {
        ch = null;
      }
    }
    if (ch === null) {
      out += `\\x${bytes[i]!.toString(16).padStart(2, "0")}`;
      i++;
    } else {
      out += ch === "\0" ? "\\u0000" : ch;
      i += n;
    }
  }
  return out;
}

/** What to store for a chain string: its text, and its exact bytes as 0x hex when the text is not them. */
export function chainText(bytes: Uint8Array): { text: string; raw: Hex | null } {
  try {
    const text = strict.decode(bytes);
    if (!text.includes("\0")) return { text, raw: null };
  } catch {
    // not UTF-8: escaped below
  }
  return { text: escaped(bytes), raw: `0x${Buffer.from(bytes).toString("hex")}` };
}

/** The exact bytes of a stored string: its raw bytes when kept, else its text's UTF-8. */
export function exactBytes(text: string, raw: Uint8Array | Hex | null | undefined): Uint8Array {
  if (raw === null || raw === undefined) return utf8.encode(text);
  return typeof raw === "string" ? new Uint8Array(Buffer.from(raw.slice(2), "hex")) : raw;
}

/** A ledger bytes2 country as stored: the ISO 3166-1 alpha-2 code, or 0x hex for any other bytes. */
export function countryText(hex: Hex): string {
  const text = Buffer.from(hex.slice(2), "hex").toString("latin1");
  return /^[A-Z]{2}$/.test(text) ? text : hex.toLowerCase();
}
