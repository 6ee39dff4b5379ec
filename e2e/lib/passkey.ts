/**
 * A person's passkey device in the browser: Chromium's virtual authenticator (CDP WebAuthn domain) on a page, as a
 * phone's platform authenticator is (CTAP2, internal, resident keys, user verification that succeeds). One per
 * browser context: one per person.
 */
import type { CDPSession, Page } from "@playwright/test";

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
