/** The regulator council's page (/regulator/council) as a proposer and the other regulators use it. */
import { expect, type Page } from "@playwright/test";

/**
 * On the council page a regulator lands on after proposing: waits out the council's delay (the e2e stack's is a
 * few seconds), executes the proposal whose description contains `what`, and returns once it is in the history
 * as executed.
 */
export async function executeProposal(page: Page, what: string): Promise<void> {
  await expect(page).toHaveURL(/\/regulator\/council$/, { timeout: 30_000 });
  const { id, nonce } = await scheduledProposal(page, what);
  const execute = page.getByTestId(`council-execute-${id}`);
  await expect(execute).toBeVisible({ timeout: 60_000 });
  await execute.click();
  await expectExecuted(page, id, nonce, "Executed after the delay");
}

/**
 * On the council page, another regulator (not the proposer) approves the proposal whose description contains
 * `what`: it shows one approval of two (the proposer's) before, and the approval that completes the quorum
 * executes it at once, without waiting for the delay. Returns once it is in the history as executed by approval.
 */
export async function approveProposal(page: Page, what: string): Promise<void> {
  await page.goto("/regulator/council");
  const { id, nonce } = await scheduledProposal(page, what);
  const row = page.locator(`[data-operation="${id}"][data-nonce="${nonce}"][data-status="scheduled"]`);
  await expect(row.getByTestId("council-approvals")).toContainText("Approvals: 1 of 2");
  await page.getByTestId(`council-approve-${id}`).click();
  await expectExecuted(page, id, nonce, "Executed by approval");
}

/** The open proposal whose description contains `what`: its operation id and nonce. */
async function scheduledProposal(page: Page, what: string): Promise<{ id: string | null; nonce: string | null }> {
  const proposal = page.locator(`[data-what*=${JSON.stringify(what)}][data-status="scheduled"]`).first();
  await expect(proposal).toBeVisible({ timeout: 30_000 });
  // The same call proposed again (after a cancel) keeps its id; its nonce tells this proposal's row apart.
  return { id: await proposal.getAttribute("data-operation"), nonce: await proposal.getAttribute("data-nonce") };
}

/** Waits until the proposal's row is in the history as executed, saying how (`outcome`). */
async function expectExecuted(page: Page, id: string | null, nonce: string | null, outcome: string): Promise<void> {
  const row = page.getByTestId("council-history").locator(`[data-operation="${id}"][data-nonce="${nonce}"]`);
  await expect(row).toHaveAttribute("data-status", "executed", { timeout: 30_000 });
  await expect(row).toContainText(outcome);
}
