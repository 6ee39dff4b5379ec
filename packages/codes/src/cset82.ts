/**
 * GS1 "CSET 82": the printable ASCII subset allowed in alphanumeric AIs (lot, serial, ...).
 * Excluded from printable ASCII: space # $ @ [ \ ] ^ ` { | } ~
 */
const CSET82 = new Uint8Array(128);
for (const c of "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz") {
  CSET82[c.charCodeAt(0)] = 1;
}

export function isCset82Char(code: number): boolean {
  return code < 128 && CSET82[code] === 1;
}

/** Index of the first character outside CSET 82, or -1 when the whole string is valid. */
export function firstNonCset82(value: string): number {
  for (let i = 0; i < value.length; i++) {
    if (!isCset82Char(value.charCodeAt(i))) return i;
  }
  return -1;
}

/** Shows a character in an error message, control characters as U+XXXX. */
export function describeChar(ch: string | undefined): string {
  if (ch === undefined) return "end of input";
  const code = ch.codePointAt(0) ?? 0;
  if (code === 29) return "GS separator (ASCII 29)";
  if (code < 32 || code === 127 || ch.trim() === "") return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `'${ch}'`;
}
