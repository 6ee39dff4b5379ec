/**
 * A keyboard-wedge barcode scanner: it types what it read into whatever field has the focus,
 * a few milliseconds a character, and ends with Enter. GS1 element strings carry FNC1 as the
 * GS character (ASCII 29).
 */
import type { Page } from "@playwright/test";

export const GS = "\x1d";

export async function wedgeScan(page: Page, text: string, msPerCharacter = 4): Promise<void> {
  await page.keyboard.type(text, { delay: msPerCharacter });
  await page.keyboard.press("Enter");
}
