/**
 * Staff with passkeys, end to end in Chromium's virtual authenticator: a pharmacy's admin invites a pharmacist,
 * who enrols a passkey on a phone and is approved; the pharmacist signs in with the passkey. Removed, the
 * pharmacist's next sign-in is refused.
 */
import { expect, signInAs, test } from "./lib/fixtures";
import { approve, enrol, invite, phone, signInWithPasskey } from "./lib/passkey";

const PHARMACY = "Apotheke am Markt";

test("a pharmacist enrols a passkey by invitation, is approved, signs in with it, and is refused once removed", async ({
  browser,
  page,
  baseURL,
  shot,
}) => {
  // The admin, on a laptop with a wallet (the demo account).
  await page.goto("/members");
  await signInAs(page, PHARMACY);
  const link = await invite(page, "Li Na, counter phone", ["SHIP", "DISPENSE"]);
  await expect(
    page.getByTestId("invite-created").getByRole("img", { name: "QR code of the invitation link" }),
  ).toBeVisible();
  await shot(page, "passkey-members-invite-1280");

  // On the phone: the invitation names the pharmacy and the permissions; a passkey is created.
  const li = await phone(browser, baseURL!);
  await li.page.goto(link);
  await expect(li.page.getByTestId("join-permissions")).toContainText("dispense");
  await shot(li.page, "passkey-join-390");
  const code = await enrol(li.page, link, PHARMACY);
  expect(await li.device.count()).toBe(1);
  await shot(li.page, "passkey-join-done-390");
  // The link works once: opened again, it says so and no more.
  await li.page.goto(link);
  await expect(li.page.getByTestId("join-invalid")).toContainText("cannot be used");
  await li.page.goto(`${link.slice(0, -4)}AAAA`);
  await expect(li.page.getByTestId("join-invalid")).toBeVisible();

  // Not approved yet: the passkey does not sign in.
  await signInWithPasskey(li.page);
  await expect(li.page.getByTestId("passkey-sign-in-problem")).toContainText("not approved");

  // The admin sees the same code beside the waiting passkey and approves it on the ledger.
  await page.reload();
  await expect(page.getByTestId("passkeys-waiting").locator(`[data-code="${code}"]`)).toBeVisible();
  await shot(page, "passkey-members-waiting-1280");
  const member = await approve(page, code, "Li Na, counter phone");
  const row = page.getByTestId("members").locator(`[data-account="${member}"]`);
  await expect(row).toHaveAttribute("data-permissions", "12");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "passkey-members-390");
  await page.setViewportSize({ width: 1280, height: 800 });

  // The pharmacist signs in with the passkey: the same session, as the passkey's member.
  await signInWithPasskey(li.page);
  await expect(li.page.getByTestId("signed-in")).toContainText(PHARMACY);
  await expect(li.page.getByTestId("signed-in-member")).toHaveAttribute("data-account", member);

  // Removed by the admin: its session is refused at once, and so is its next sign-in.
  await page.reload();
  await page.getByTestId(`member-remove-${member}`).click();
  await page
    .getByTestId("member-remove-dialog")
    .getByRole("button", { name: /remove/i })
    .click();
  await expect(page.getByTestId("members").locator(`[data-account="${member}"]`)).toHaveCount(0, { timeout: 60_000 });
  const refused = await li.page.request.get("/api/custody/shipments?sscc=069012340000012347");
  expect(refused.status()).toBe(403);
  await li.page.request.post("/api/auth/sign-out");
  await signInWithPasskey(li.page);
  await expect(li.page.getByTestId("passkey-sign-in-problem")).toContainText("removed");
});
