/**
 * A keyboard-wedge barcode scanner: it types what it read into whatever has the focus, a few
 * milliseconds a character, and ends with Enter. GS1 element strings carry FNC1 as the GS
 * character (ASCII 29), which a USB keyboard scanner sends as Ctrl+].
 */
import type { Page } from "@playwright/test";

export const GS = "\x1d";

export async function wedgeScan(page: Page, text: string, msPerCharacter = 4): Promise<void> {
  const parts = text.split(GS);
  for (const [i, part] of parts.entries()) {
    if (i > 0) await page.keyboard.press("Control+BracketRight");
    await page.keyboard.type(part, { delay: msPerCharacter });
  }
  await page.keyboard.press("Enter");
}
