/**
 * Receive and dispense are used on a phone at a counter or in a warehouse: on a 390 px wide screen the
 * camera comes first as a large button, every control is a finger's target (44 px), nothing runs off the
 * right edge, and each queued pack shows its serial on screen. The same desks at 1280 px keep the field
 * first (a USB scanner types into it). Screenshots of both widths go to e2e/artifacts/screenshots.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, signInAs, test } from "./lib/fixtures";
import { parseCsv } from "./lib/labels";
import { GS } from "./lib/wedge";

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 900 };
/** WCAG 2.5.5's target size, in CSS pixels (less a rounding pixel). */
const TARGET = 43.5;

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, "on screen").not.toBeNull();
  return b!;
}

/** Nothing on the page is wider than the screen: no sideways scrolling on a phone. */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, view } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    view: window.innerWidth,
  }));
  expect(scroll, "page width").toBeLessThanOrEqual(view);
}

/** Every visible button of `scope` is at least a finger's target tall. */
async function expectFingerTargets(scope: Locator) {
  const buttons = scope.getByRole("button");
  for (let i = 0; i < (await buttons.count()); i++) {
    const b = buttons.nth(i);
    if (!(await b.isVisible())) continue;
    expect((await box(b)).height, `${await b.textContent()}`).toBeGreaterThanOrEqual(TARGET);
  }
}

test("the dispense desk on a phone: camera first, finger targets, the queued pack's serial on screen", async ({
  page,
  shot,
}) => {
  const dataDir = process.env.E2E_DATA_DIR;
  test.skip(!dataDir, "needs the data folder of the stack (E2E_DATA_DIR) for the demo's printed codes");
  // A pack of the demo's Amoxicillin lot, which the seed delivered to this pharmacy.
  const rows = parseCsv(await readFile(path.join(dataDir!, "demo", "labels-AMX2611A.csv"), "utf8"));
  const pack = rows[12]!;

  await page.setViewportSize(DESK);
  await page.goto("/pharmacy/dispense");
  await signInAs(page, "Renmin Road Pharmacy");
  const scanner = page.getByTestId("dispense-scanner");
  const field = page.getByLabel("Pack code");
  const camera = page.getByTestId("dispense-camera-start");
  // At a desk the field comes first: a USB scanner types into it.
  expect((await box(field)).y).toBeLessThan((await box(camera)).y);
  await shot(page, "desk-dispense-1280");

  await page.setViewportSize(PHONE);
  await expect(camera).toBeVisible();
  const cam = await box(camera);
  expect(cam.y, "camera above the field").toBeLessThan((await box(field)).y);
  expect(cam.height).toBeGreaterThanOrEqual(48);
  expect(cam.width, "camera button spans the card").toBeGreaterThan(PHONE.width * 0.7);
  await expectFingerTargets(scanner);

  await field.fill(pack.gs1_element_string!.replaceAll("<GS>", GS));
  await field.press("Enter");
  const row = page.getByTestId("queue-row").filter({ hasText: pack.serial! });
  await expect(row).toContainText("Ready");
  const serial = row.getByText(pack.serial!, { exact: true });
  const s = await box(serial);
  expect(s.x, "serial starts on screen").toBeGreaterThanOrEqual(0);
  expect(s.x + s.width, "serial ends on screen").toBeLessThanOrEqual(PHONE.width);
  // The desk's own controls: the queued pack's Remove, Dispense, Undo and each undo row's checkbox label.
  await expectFingerTargets(row);
  for (const id of ["dispense-submit", "undo-submit"]) {
    const control = page.getByTestId(id);
    if (await control.isVisible()) expect((await box(control)).height, id).toBeGreaterThanOrEqual(TARGET);
  }
  const undoRow = page.getByTestId("undo-table").locator("label").first();
  if (await undoRow.isVisible())
    expect((await box(undoRow)).height, "undo row's checkbox label").toBeGreaterThanOrEqual(TARGET);
  await expectNoSidewaysScroll(page);

  const undo = page.getByTestId("undo-table");
  if (await undo.isVisible()) {
    // The list's own sort chips and pager are thumbs' targets too.
    await expectFingerTargets(undo);
    const first = undo.locator("code").first();
    const u = await box(first);
    expect(u.x + u.width, "an undo row's serial ends on screen").toBeLessThanOrEqual(PHONE.width);
  }
  await shot(page, "desk-dispense-390");
});

test("the receive desk on a phone: camera first, an SSCC checked as it is typed, nothing off screen", async ({
  page,
  shot,
}) => {
  await page.setViewportSize(DESK);
  await page.goto("/receive");
  await signInAs(page, "Renmin Road Pharmacy");
  await shot(page, "desk-receive-1280");

  await page.setViewportSize(PHONE);
  const field = page.getByLabel("Shipment code (SSCC or label scan)");
  const camera = page.getByTestId("receive-camera-start");
  expect((await box(camera)).y, "camera above the field").toBeLessThan((await box(field)).y);
  await expectFingerTargets(page.getByTestId("receive-scanner"));

  // Typed by hand: a wrong check digit is said before anything is sent.
  await field.fill("095212340000000018");
  await expect(page.getByTestId("receive-typed")).toHaveText(
    "The last digit (the check digit) should be 3, not 8: check the number.",
  );
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await field.fill("0952123400");
  await expect(page.getByTestId("receive-typed")).toHaveText("10 of 18 digits");
  await field.fill("");
  await expectNoSidewaysScroll(page);
  await shot(page, "desk-receive-390");
});
