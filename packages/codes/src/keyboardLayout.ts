/**
 * Keyboard-wedge scanners type what they read as key presses of a US keyboard. When the computer
 * is set to another layout, every key press turns into that layout's character: on French AZERTY
 * "01" arrives as "à&" and "https://" as "httpsM!!"; on German QWERTZ ":" arrives as "Ö" and
 * Y and Z trade places. These tables map what arrived back to what the scanner meant.
 */
export type KeyboardLayout = "azerty" | "qwertz";

// The US keyboard, key by key: unshifted and shifted, in the same order as the tables below.
const US_PLAIN = "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./";
const US_SHIFT = '~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:"ZXCVBNM<>?';
// The same keys on French AZERTY and German QWERTZ. "\0" marks a dead key or no character.
const AZERTY_PLAIN = "²&é\"'(-è_çà)=azertyuiop^$*qsdfghjklmùwxcvbn,;:!";
const AZERTY_SHIFT = "\0" + "1234567890°+AZERTYUIOP¨£µQSDFGHJKLM%WXCVBN?./§";
const QWERTZ_PLAIN = "^1234567890ß´qwertzuiopü+#asdfghjklöäyxcvbnm,.-";
const QWERTZ_SHIFT = "°!\"§$%&/()=?`QWERTZUIOPÜ*'ASDFGHJKLÖÄYXCVBNM;:_";

function reverseTable(plain: string, shift: string): Map<string, string> {
  const map = new Map<string, string>();
  const layouts = [
    [plain, US_PLAIN],
    [shift, US_SHIFT],
  ] as const;
  for (const [typed, meant] of layouts) {
    for (let i = 0; i < typed.length; i++) {
      const t = typed[i]!;
      if (t !== "\0" && !map.has(t)) map.set(t, meant[i]!);
    }
  }
  return map;
}

const FROM_LAYOUT: Record<KeyboardLayout, Map<string, string>> = {
  azerty: reverseTable(AZERTY_PLAIN, AZERTY_SHIFT),
  qwertz: reverseTable(QWERTZ_PLAIN, QWERTZ_SHIFT),
};

// Characters that only a layout mix-up produces: never valid in an element string or a URI.
const AZERTY_MARKERS = /[éèçàù§°²µ£¨]|^https?M!!/i;
const QWERTZ_MARKERS = /[ßöÖäÄüÜ´§°]|^https?Ö--/i;

/** The layout whose tell-tale characters the input carries, when exactly one matches. */
export function detectLayout(text: string): KeyboardLayout | undefined {
  const azerty = AZERTY_MARKERS.test(text);
  const qwertz = QWERTZ_MARKERS.test(text);
  if (azerty === qwertz) {
    // Both (only "§" and "°" are shared) or neither: decide by the characters unique to each.
    const a = /[éèçàù²µ£¨]|^https?M!!/i.test(text);
    const q = /[ßöÖäÄüÜ´]|^https?Ö--/i.test(text);
    if (a && !q) return "azerty";
    if (q && !a) return "qwertz";
    return undefined;
  }
  return azerty ? "azerty" : "qwertz";
}

/** Maps every character typed under `layout` back to what a US-layout scanner sent. */
export function fromLayout(text: string, layout: KeyboardLayout): string {
  const map = FROM_LAYOUT[layout];
  let out = "";
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}

/** Y and Z exchanged: the one damage of a QWERTZ computer that leaves no other trace. */
export function swapYZ(text: string): string {
  return text.replace(/[YZyz]/g, (c) => ({ Y: "Z", Z: "Y", y: "z", z: "y" })[c]!);
}

/** Upper and lower case exchanged, as typed with Caps Lock on. */
export function invertCase(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => (c >= "a" ? c.toUpperCase() : c.toLowerCase()));
}

/** What a US-layout scanner's `text` turns into on a computer set to `layout` (for tests and examples). */
export function toLayout(text: string, layout: KeyboardLayout): string {
  const forward = new Map<string, string>();
  for (const [typed, meant] of FROM_LAYOUT[layout]) if (!forward.has(meant)) forward.set(meant, typed);
  let out = "";
  for (const ch of text) out += forward.get(ch) ?? ch;
  return out;
}
