/** The regulator council's page (/regulator/council) as a proposer uses it. */
import { expect, type Page } from "@playwright/test";

/**
 * On the council page a regulator lands on after proposing: waits out the council's delay (the e2e stack's is a
 * few seconds), executes the proposal whose description contains `what`, and returns once it is in the history
 * as executed.
 */
export async function executeProposal(page: Page, what: string): Promise<void> {
  await expect(page).toHaveURL(/\/regulator\/council$/, { timeout: 30_000 });
  const proposal = page.locator(`[data-what*=${JSON.stringify(what)}][data-status="scheduled"]`).first();
  await expect(proposal).toBeVisible({ timeout: 30_000 });
  const id = await proposal.getAttribute("data-operation");
  // The same call proposed again (after a cancel) keeps its id; its nonce tells this proposal's row apart.
  const nonce = await proposal.getAttribute("data-nonce");
  const execute = page.getByTestId(`council-execute-${id}`);
  await expect(execute).toBeVisible({ timeout: 60_000 });
  await execute.click();
  const row = `[data-operation="${id}"][data-nonce="${nonce}"]`;
  await expect(page.getByTestId("council-history").locator(row)).toHaveAttribute("data-status", "executed", {
    timeout: 30_000,
  });
}
