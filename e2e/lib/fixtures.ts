/**
 * The tests' `test`: every page opens on the stack started by globalSetup, and `shot` keeps a
 * full-page screenshot in e2e/artifacts/screenshots (the issue asks for every role's main page).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { ARTIFACTS } from "./globalSetup";

export const SCREENSHOTS = path.join(ARTIFACTS, "screenshots");

export const test = base.extend<{ shot: (page: Page, name: string) => Promise<void> }>({
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error("E2E_BASE_URL is not set: run through the Playwright config (globalSetup)");
    await use(url);
  },
  shot: async ({}, use) => {
    await mkdir(SCREENSHOTS, { recursive: true });
    await use(async (page, name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    });
  },
});

export { expect };

/** The demo's members of an organisation (scripts/lib/demo.ts): its founding admin, then its operator. */
export type DemoMember = "admin" | "operator";

/**
 * Signs in as a member of a demo organisation the way a newcomer does on the embedded chain: header
 * "Staff sign-in" (signed in already: the account menu's "Switch account"), then "Act as <organisation>" (the
 * member's local development account signs the EIP-4361 message; the list offers the admin first, then the
 * operator). Ends when the header says who is signed in.
 */
export async function signInAs(page: Page, organisation: string, member: DemoMember = "admin"): Promise<void> {
  const header = page.getByRole("banner");
  const signInButton = header.getByRole("button", { name: /^(Staff sign-in|员工登录)$/ });
  const account = header.getByTestId("signed-in");
  await expect(signInButton.or(account)).toBeVisible();
  if (await signInButton.isVisible()) await signInButton.click();
  else {
    await account.click();
    await page.getByRole("menuitem", { name: /^(Switch account|切换账户)$/ }).click();
  }
  const name = organisation.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const choices = page.getByRole("button", { name: new RegExp(`^Act as ${name}(?:$|\\s)`) });
  await choices.nth(member === "admin" ? 0 : 1).click();
  await expect(page.getByTestId("signed-in")).toContainText(organisation);
}
