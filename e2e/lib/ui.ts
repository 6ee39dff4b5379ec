/** Small things the journey does on many pages. */
import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Waits until the ledger write shown in `scope` (components/TxStatus.tsx) is confirmed, i.e.
 * mined and indexed; a failed write fails the test with the sentence the user sees.
 */
export async function expectTxConfirmed(scope: Page | Locator, timeout = 90_000): Promise<void> {
  const settled = scope.locator('[data-tx-phase="confirmed"], [data-tx-phase="failed"]');
  await expect(settled).toBeVisible({ timeout });
  const phase = await settled.getAttribute("data-tx-phase");
  if (phase !== "confirmed") throw new Error(`the ledger write failed: ${await settled.innerText()}`);
}

/** Chooses the first option of a <select> whose text contains `text`. */
export async function chooseOption(select: Locator, text: string): Promise<void> {
  const option = select.locator("option").filter({ hasText: text }).first();
  const value = await option.getAttribute("value");
  if (!value) throw new Error(`no option with "${text}" in the list`);
  await select.selectOption(value);
}
