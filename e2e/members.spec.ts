/**
 * Organisations of people: a pharmacy's admin adds an operator by address on the members page; the operator
 * signs in with its own key and acts for the pharmacy within the permissions it was given; the admin
 * widens them and the operator's next request may do more; removed, its session is refused at once.
 */
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import type { APIRequestContext } from "@playwright/test";
import { expect, signInAs, test } from "./lib/fixtures";
import { signInMessage } from "../apps/web/lib/session/signInMessage";

const PHARMACY = "Apotheke am Markt";

/** Signs a request context in with a key that is not one of the demo's (the operator's own wallet). */
async function signInWithKey(request: APIRequestContext, baseURL: string, key: `0x${string}`) {
  const account = privateKeyToAccount(key);
  const { nonce, chainId } = (await (await request.post("/api/auth/nonce")).json()) as {
    nonce: string;
    chainId: number;
  };
  const message = signInMessage({ url: baseURL, address: account.address, nonce, chainId });
  return request.post("/api/auth/sign-in", { data: { message, signature: await account.signMessage({ message }) } });
}

test("an admin adds an operator, who signs in and acts within its permissions until it is removed", async ({
  page,
  playwright,
  baseURL,
  shot,
}) => {
  const request = await playwright.request.newContext({ baseURL });
  const key = generatePrivateKey();
  const operatorAccount = privateKeyToAccount(key);
  const operatorAddress = operatorAccount.address.toLowerCase();

  // Not a member yet: it cannot sign in.
  const stranger = await signInWithKey(request, baseURL!, key);
  expect(stranger.status()).toBe(403);

  await page.goto("/batches");
  await signInAs(page, PHARMACY);
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByTestId("members-page")).toBeVisible();
  // A typing error the checksum catches (one letter's case changed) is refused before anything is signed.
  const typed = operatorAccount.address;
  const at = [...typed].findIndex((c, i) => i > 1 && /[a-fA-F]/.test(c));
  const flipped = typed[at] === typed[at]!.toLowerCase() ? typed[at]!.toUpperCase() : typed[at]!.toLowerCase();
  const mistyped = `${typed.slice(0, at)}${flipped}${typed.slice(at + 1)}`;
  const hex = mistyped.slice(2);
  if (hex !== hex.toLowerCase() && hex !== hex.toUpperCase()) {
    await page.getByTestId("member-address").fill(mistyped);
    await page.getByTestId("member-add").click();
    await expect(page.getByTestId("members-problem")).toContainText("checksum");
  }
  await page.getByTestId("member-address").fill(operatorAccount.address);
  // Ship only (the default), no dispensing.
  await expect(page.getByTestId("member-permit-SHIP")).toBeChecked();
  await expect(page.getByTestId("member-permit-DISPENSE")).not.toBeChecked();
  await page.getByTestId("member-add").click();
  const row = page.getByTestId("members").locator(`[data-account="${operatorAddress}"]`);
  await expect(row).toHaveAttribute("data-permissions", "4", { timeout: 30_000 });
  await expect(row).toContainText("ship and receive");
  await shot(page, "members");

  // The operator signs in with its own key and acts for the pharmacy.
  const signedIn = await signInWithKey(request, baseURL!, key);
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  expect(((await signedIn.json()) as { organisation: string }).organisation).toBe(PHARMACY);
  expect((await request.get("/api/custody/shipments?sscc=069012340000012347")).status()).toBe(200);
  // Dispensing needs a permission it lacks: a 403 that names it.
  const dispense = async () =>
    request.post("/api/custody/proofs", { data: { batchId: `0x${"ab".repeat(32)}`, indices: [0] } });
  const refused = await dispense();
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
    code: "PermissionRequired",
    message: expect.stringContaining("“dispense”") as unknown as string,
  });

  // The admin grants dispensing: the operator's next request passes the permission check.
  await page.getByTestId(`member-edit-${operatorAddress}`).click();
  await page.getByTestId(`edit-${operatorAddress}-DISPENSE`).check();
  await page.getByTestId("member-save").click();
  // Listed once indexed: ship and receive (4) and dispense (8).
  await expect(row).toHaveAttribute("data-permissions", "12", { timeout: 30_000 });
  await expect(row).toContainText("ship and receive, dispense");
  await expect.poll(async () => (await dispense()).status(), { timeout: 10_000 }).not.toBe(403);

  // Removed: the confirmation says what it loses, and its session is refused at once.
  await page.getByTestId(`member-remove-${operatorAddress}`).click();
  await expect(page.getByTestId("member-remove-dialog")).toContainText("It loses: ship and receive, dispense");
  await page.getByTestId("member-remove-dialog-confirm").click();
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  // At once: the next requests, within the second a read of the ledger is kept while the index catches up.
  const shipments = async () => {
    const res = await request.get("/api/custody/shipments?sscc=069012340000012347");
    return { status: res.status(), code: ((await res.json()) as { error?: { code: string } }).error?.code };
  };
  await expect.poll(shipments, { timeout: 2_000, intervals: [100] }).toEqual({ status: 403, code: "MemberRemoved" });
  await request.dispose();
});
