/**
 * A person's passkey device in the browser: Chromium's virtual authenticator (CDP WebAuthn domain) on a page, as a
 * phone's platform authenticator is (CTAP2, internal, resident keys, user verification that succeeds). One per
 * browser context: one per person.
 */
import { expect, type Browser, type CDPSession, type Page } from "@playwright/test";
import { signInAs } from "./fixtures";

export interface PasskeyDevice {
  cdp: CDPSession;
  authenticatorId: string;
  /** How many passkeys the device holds. */
  count(): Promise<number>;
}

export async function addPasskeyDevice(page: Page): Promise<PasskeyDevice> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    cdp,
    authenticatorId,
    count: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials.length,
  };
}
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** A person's phone: its own browser context (cookies) and its own passkey device. */
export async function phone(
  browser: Browser,
  baseURL: string,
  viewport?: { width: number; height: number },
): Promise<{ page: Page; device: PasskeyDevice }> {
  const context = await browser.newContext(viewport ? { viewport, baseURL } : { ...PHONE, baseURL });
  const page = await context.newPage();
  return { page, device: await addPasskeyDevice(page) };
}

/** The staff sign-in page's "Sign in with a passkey" (the device answers; user verification succeeds). */
export async function signInWithPasskey(page: Page): Promise<void> {
  await page.goto("/staff");
  await page.getByTestId("passkey-sign-in-button").click();
}

/** The admin's invitation on /members: its link. */
export async function invite(admin: Page, label: string, permits: string[]): Promise<string> {
  await admin.goto("/members");
  await admin.getByTestId("invite-label").fill(label);
  for (const p of ["ADMIN", "REGISTER", "SHIP", "DISPENSE", "WRITE_OFF", "REGULATE", "CLAIM"]) {
    const box = admin.getByTestId(`invite-permit-${p}`);
    if ((await box.count()) === 0) continue;
    if (permits.includes(p)) await box.check();
    else await box.uncheck();
  }
  await admin.getByTestId("invite-create").click();
  const link = await admin.getByTestId("invite-link").innerText();
  expect(link).toMatch(/\/join\/[A-Za-z0-9_-]{32}$/);
  return link;
}

/** On the phone: open the link, create the passkey, read the code the admin must see. */
export async function enrol(page: Page, link: string, organisation: string): Promise<string> {
  await page.goto(link);
  await expect(page.getByTestId("join-invitation")).toContainText(organisation);
  await page.getByTestId("join-create").click();
  await expect(page.getByTestId("join-done")).toContainText("Ask your admin to approve you");
  return (await page.getByTestId("join-code").getAttribute("data-code"))!;
}

/** The admin approves the waiting passkey whose code is `code` (the ledger's addMember); its member address. */
export async function approve(admin: Page, code: string, label: string): Promise<string> {
  await admin.goto("/members");
  const waiting = admin.getByTestId("passkeys-waiting").locator(`[data-code="${code}"]`);
  await expect(waiting).toContainText(label);
  const member = (await waiting.getAttribute("data-member"))!;
  await admin.getByTestId(`passkey-approve-${member}`).click();
  await expect(admin.getByTestId("members").locator(`[data-account="${member}"]`)).toBeVisible({ timeout: 60_000 });
  return member;
}

/**
 * A member of `organisation` with a passkey on its own device: invited by the organisation's wallet admin (signed in
 * on `admin`), enrolled, approved and signed in; its page and member address.
 */
export async function passkeyMember(
  browser: Browser,
  baseURL: string,
  admin: Page,
  organisation: string,
  label: string,
  permits: string[],
  viewport?: { width: number; height: number },
): Promise<{ page: Page; member: string }> {
  await admin.goto("/members");
  await signInAs(admin, organisation);
  const link = await invite(admin, label, permits);
  const device = await phone(browser, baseURL, viewport);
  const member = await approve(admin, await enrol(device.page, link, organisation), label);
  await signInWithPasskey(device.page);
  await expect(device.page.getByTestId("signed-in-member")).toHaveAttribute("data-account", member);
  return { page: device.page, member };
}
