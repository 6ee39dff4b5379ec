import { ScanError } from "./errors";
import { detectLayout, fromLayout, type KeyboardLayout } from "./keyboardLayout";

/** What the reader changed in the input to read it, and where (0-based index into the raw input). */
export interface Repair {
  kind: "full-width" | "keyboard-layout" | "separator-rendering" | "separator-inserted" | "symbology" | "whitespace";
  position: number;
  message: string;
}

/** Text being normalised, with the raw index of each of its characters. */
export interface TrackedText {
  text: string;
  /** rawIndex[i] is where text[i] came from; rawIndex[text.length] is the raw length */
  rawIndex: number[];
  repairs: Repair[];
  layout?: KeyboardLayout;
}

export const MAX_INPUT_LENGTH = 4096;

/** Full-width forms (a Chinese IME's "０１" or "ＡＢ") to ASCII, one code unit for one. */
function foldFullWidth(t: TrackedText): TrackedText {
  let text = "";
  let first = -1;
  for (let i = 0; i < t.text.length; i++) {
    const c = t.text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      text += String.fromCharCode(c - 0xfee0);
      if (first < 0) first = i;
    } else if (c === 0x3000) {
      text += " ";
      if (first < 0) first = i;
    } else {
      text += t.text[i];
    }
  }
  if (first < 0) return t;
  return {
    ...t,
    text,
    repairs: [
      ...t.repairs,
      { kind: "full-width", position: t.rawIndex[first]!, message: "full-width characters read as ASCII" },
    ],
  };
}

/**
 * The steps every reader shares: type and length checks, full-width folding, keyboard-layout
 * repair, and trimming of surrounding white space (a scanner's Enter or Tab suffix).
 * @throws ScanError for a non-string, an empty or an over-long input
 */
export function normalizeCommon(raw: unknown): TrackedText {
  if (typeof raw !== "string") throw new ScanError("invalid-argument", "scan input must be a string");
  if (raw.length > MAX_INPUT_LENGTH) {
    throw new ScanError(
      "input-too-long",
      `scan input has ${raw.length} characters; at most ${MAX_INPUT_LENGTH} are read`,
      {
        position: MAX_INPUT_LENGTH,
      },
    );
  }
  const rawIndex = Array.from({ length: raw.length + 1 }, (_, i) => i);
  let t: TrackedText = foldFullWidth({ text: raw, rawIndex, repairs: [] });

  const layout = detectLayout(t.text);
  if (layout) {
    const text = fromLayout(t.text, layout);
    if (text !== t.text) {
      const first = [...text].findIndex((c, i) => c !== t.text[i]);
      t = {
        ...t,
        text,
        layout,
        repairs: [
          ...t.repairs,
          {
            kind: "keyboard-layout",
            position: t.rawIndex[Math.max(0, first)]!,
            message: `typed through a ${layout.toUpperCase()} keyboard layout; read as the US layout the scanner used`,
          },
        ],
      };
    }
  }

  const start = t.text.search(/\S/);
  if (start < 0) throw new ScanError("empty-input", "scan input is empty", { position: 0 });
  const end = t.text.search(/\s*$/);
  if (start > 0 || end < t.text.length) {
    t = { ...t, text: t.text.slice(start, end), rawIndex: t.rawIndex.slice(start, end + 1) };
  }
  return t;
}

/** Replaces `[from, to)` of the tracked text by `by`, keeping raw positions. */
export function spliceTracked(t: TrackedText, from: number, to: number, by: string): TrackedText {
  const rawStart = t.rawIndex[from]!;
  return {
    ...t,
    text: t.text.slice(0, from) + by + t.text.slice(to),
    rawIndex: [
      ...t.rawIndex.slice(0, from),
      ...Array.from({ length: by.length }, () => rawStart),
      ...t.rawIndex.slice(to),
    ],
  };
}
