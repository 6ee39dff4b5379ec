import { firstNonCset82 } from "./cset82";

/**
 * Serial numbers a manufacturer brings instead of generated ones (from its packaging line's
 * serialisation server or a contract manufacturer): one serial a line. Browser-safe: the register
 * form checks the list as the server does.
 */

/** The longest AI 21 value (GS1 General Specifications: X..20). */
export const MAX_SERIAL_CHARS = 20;

export type SerialListProblemKind = "count" | "empty" | "too-long" | "character" | "duplicate";

export interface SerialListProblem {
  kind: SerialListProblemKind;
  /** 1-based line of the list (0 for "count") */
  line: number;
  /** for "character": 1-based position of the first character GS1 does not allow */
  position?: number;
  /** for "character": that character */
  char?: string;
  /** for "too-long": the serial's length; for "count": how many serials the list has */
  length?: number;
  /** for "duplicate": the line that has it first */
  firstLine?: number;
  /** an English sentence naming the line */
  message: string;
}

/**
 * The serials of a list as typed or uploaded: one a line, spaces and carriage returns around a
 * serial dropped (GS1's serial characters include no space), blank lines at the end ignored.
 */
export function readSerialList(text: string): string[] {
  const lines = text.split("\n").map((l) => l.trim());
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Every problem of a serial list for a batch of `packCount` packs (at most `limit`, first lines
 * first): each serial 1 to 20 characters of GS1's character set 82 (AI 21), no serial twice, and
 * as many serials as packs. An empty result: the list can be used.
 */
export function checkSerialList(serials: readonly string[], packCount: number, limit = 20): SerialListProblem[] {
  const problems: SerialListProblem[] = [];
  if (serials.length !== packCount)
    problems.push({
      kind: "count",
      line: 0,
      length: serials.length,
      message: `The list has ${serials.length} serial numbers; the batch has ${packCount} packs: one serial a pack.`,
    });
  const seen = new Map<string, number>();
  for (let i = 0; i < serials.length && problems.length < limit; i++) {
    const serial = serials[i]!;
    const line = i + 1;
    const bad = firstNonCset82(serial);
    if (serial === "") problems.push({ kind: "empty", line, message: `Line ${line} is empty.` });
    else if (serial.length > MAX_SERIAL_CHARS)
      problems.push({
        kind: "too-long",
        line,
        length: serial.length,
        message: `Line ${line}: a serial number has at most ${MAX_SERIAL_CHARS} characters; this one has ${serial.length}.`,
      });
    else if (bad >= 0)
      problems.push({
        kind: "character",
        line,
        position: bad + 1,
        char: serial[bad]!,
        message: `Line ${line}: "${serial[bad]}" (character ${bad + 1}) is not allowed in a GS1 serial number; use letters, digits and !"%&'()*+,-./:;<=>?_ only.`,
      });
    else {
      const first = seen.get(serial);
      if (first !== undefined)
        problems.push({
          kind: "duplicate",
          line,
          firstLine: first,
          message: `Line ${line} repeats the serial number ${serial} of line ${first}; every pack needs its own.`,
        });
      else seen.set(serial, line);
    }
  }
  return problems;
}
