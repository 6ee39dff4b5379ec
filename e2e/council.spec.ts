/**
 * The regulator council: no single regulator suspends an organisation. One regulator proposes the suspension
 * on the regulator page; it waits on the council page with its time left and one approval of the two the quorum
 * needs; a second regulator, who could approve it, cancels it there instead, and the organisation was never
 * suspended.
 */
import { expect, signInAs, test } from "./lib/fixtures";

const FIRST_REGULATOR = "National Medical Products Administration (demo)";
const SECOND_REGULATOR = "Bundesinstitut für Arzneimittel und Medizinprodukte (demo)";
const TARGET = "Alpenwerk Pharma GmbH";

test("a suspension one regulator proposes waits on the council, and another regulator cancels it", async ({
  page,
  shot,
}) => {
  await page.goto("/batches");
  await signInAs(page, FIRST_REGULATOR);
  await page.goto("/regulator#organisations");
  const row = page.getByTestId("organisations").locator(`[data-org="${TARGET}"]`);
  await expect(row).toHaveAttribute("data-suspended", "false");
  await row.getByRole("button", { name: "Suspend" }).click();
  const dialog = row.getByRole("alertdialog");
  await expect(dialog).toContainText(`Propose to the regulator council to suspend ${TARGET}?`);
  await dialog.getByRole("button", { name: "Confirm" }).click();

  // Proposed, not done: the proposer lands on the council page, where it waits (with its time left while the
  // council's delay runs; the e2e stack's delay is a few seconds, so it may be ready already).
  await expect(page).toHaveURL(/\/regulator\/council$/, { timeout: 30_000 });
  const scheduled = page.locator(`[data-what="Suspend ${TARGET}"][data-status="scheduled"]`);
  await expect(scheduled).toBeVisible({ timeout: 30_000 });
  await expect(scheduled).toContainText(FIRST_REGULATOR);
  // Its proposal counts as the first of the two approvals the quorum needs; the proposer cannot approve it.
  await expect(scheduled.getByTestId("council-approvals")).toContainText("Approvals: 1 of 2");
  const operation = await scheduled.getAttribute("data-operation");
  await expect(page.getByTestId(`council-approve-${operation}`)).toHaveCount(0);
  // The same call proposed again after a cancel keeps its id; the nonce names this proposal.
  const nonce = await scheduled.getAttribute("data-nonce");
  await shot(page, "council-scheduled");

  // The second regulator sees it and cancels it.
  await signInAs(page, SECOND_REGULATOR);
  await page.goto("/regulator/council");
  const seen = page.locator(`[data-operation="${operation}"][data-nonce="${nonce}"][data-status="scheduled"]`);
  await expect(seen).toContainText(`Suspend ${TARGET}`);
  // Only the proposer may execute; any other regulator may approve (the quorum would then execute it at once), and
  // any regulator may cancel.
  await expect(page.getByTestId(`council-execute-${operation}`)).toHaveCount(0);
  await expect(page.getByTestId(`council-approve-${operation}`)).toBeEnabled();
  await page.getByTestId(`council-cancel-${operation}`).click();
  await expect(page.getByTestId("council-cancel")).toContainText(`Cancel “Suspend ${TARGET}”?`);
  await page.getByTestId("council-cancel-confirm").click();
  const closed = page.getByTestId("council-history").locator(`[data-operation="${operation}"][data-nonce="${nonce}"]`);
  await expect(closed).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
  await expect(closed).toContainText("Cancelled");
  await shot(page, "council-cancelled");

  // Nothing happened to the organisation.
  await page.goto("/regulator#organisations");
  await expect(page.getByTestId("organisations").locator(`[data-org="${TARGET}"]`)).toHaveAttribute(
    "data-suspended",
    "false",
  );
});
