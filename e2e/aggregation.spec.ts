/**
 * Cases and pallets through the real product (issue 15, "Cases and pallets"): the manufacturer registers a small
 * batch, packs two cases of its packs and a pallet of the two cases, and ships the pallet by scanning its SSCC; the
 * distributor receives the pallet by one scan (sealed: its cases and packs implied), opens it and ships one case on
 * to the pharmacy by scanning the case's SSCC; the pharmacy receives the case by scanning the QR of its logistic
 * label. Stock is checked on the pages after each step, and a consumer's verdict for a pack of that case is still
 * "genuine".
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { devices, type BrowserContext, type Page } from "@playwright/test";
import { expect, signInAs, test } from "./lib/fixtures";
import { decodePdfQrCodes, parseCsv } from "./lib/labels";
import { chooseOption, expectTxConfirmed } from "./lib/ui";
import { wedgeScan } from "./lib/wedge";

const MANUFACTURER = "Huaxin Pharmaceutical Co., Ltd.";
const DISTRIBUTOR = "Eastern Medical Distribution";
const PHARMACY = "Renmin Road Pharmacy";
const PRODUCT = "Amoxicillin";
const PACKS = 8;
const PER_CASE = 4;

interface Pack {
  serial: string;
  pin: string;
  link: string;
}

test("aggregation: a pallet of two cases, received by one scan, a case shipped on and received by its label", async ({
  browser,
  shot,
}) => {
  test.setTimeout(600_000);
  const work = await mkdtemp(path.join(tmpdir(), "tracemed-aggregation-"));
  const contexts: BrowserContext[] = [];
  const staffPage = async (organisation: string, url: string): Promise<Page> => {
    const context = await browser.newContext({ locale: "en-GB" });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    await signInAs(page, organisation);
    return page;
  };
  const lot = `AGG${Date.now().toString(36).toUpperCase()}`;
  /** The lot's line in the ship form's batch list ("… · N in stock"). */
  const lotOption = (page: Page) =>
    page
      .getByTestId("ship-form")
      .getByLabel("Batch")
      .locator("option")
      .filter({ hasText: `lot ${lot}` });
  /** Packs of the lot in stock, as the ship form's batch list says. */
  const shipStock = async (page: Page, n: number) => {
    await page.goto("/ship");
    await expect(lotOption(page)).toContainText(`${n} in stock`);
  };
  /** Packs of the lot in stock on a dashboard's stock table (its "In stock" column). */
  const dashboardStock = async (page: Page, url: string, n: number) => {
    await page.goto(url);
    const row = page.getByTestId("holdings-table").locator(`[data-lot="${lot}"]`);
    await expect(row.getByRole("cell").nth(3)).toHaveText(String(n));
  };

  try {
    const maker = await staffPage(MANUFACTURER, "/manufacturer/batches/new");
    const packs = await test.step("the manufacturer registers a batch and reads its packs from the CSV", async () => {
      const form = maker.getByTestId("register-form");
      await chooseOption(form.getByLabel("Product"), PRODUCT);
      await form.getByLabel("Lot number").fill(lot);
      await form.getByLabel("Expiry date").fill(new Date(Date.now() + 2 * 365 * 86_400_000).toISOString().slice(0, 10));
      await form.getByLabel("Number of packs").fill(String(PACKS));
      await form.getByTestId("register-submit").click();
      const registration = maker.getByTestId("registration");
      await expect(registration).toHaveAttribute("data-status", "ready_to_sign", { timeout: 120_000 });
      await registration.getByRole("button", { name: "Sign and register" }).click();
      await expect(registration.getByTestId("registered")).toContainText(`Lot ${lot} is registered`, {
        timeout: 90_000,
      });
      await registration.getByRole("link", { name: "Open the batch and download its labels" }).click();
      const [download] = await Promise.all([maker.waitForEvent("download"), maker.getByTestId("download-csv").click()]);
      const csv = path.join(work, "labels.csv");
      await download.saveAs(csv);
      const rows = parseCsv(await readFile(csv, "utf8")).filter((r) => r.serial);
      expect(rows).toHaveLength(PACKS);
      return rows.map((r): Pack => ({ serial: r.serial!, pin: r.pin!, link: r.digital_link! }));
    });

    const scanInto = async (page: Page, code: string) => {
      const field = page.getByLabel("Pack code or case SSCC");
      await field.fill(code);
      await field.press("Enter");
      // The field clears once the scan is looked up and taken (or refused): then the next one.
      await expect(field).toHaveValue("");
    };
    /** Scans `codes` into the list (which holds `before` items already) and packs them all. */
    const packUnit = async (codes: string[], packsInside: number, before = 0): Promise<string> => {
      for (const code of codes) await scanInto(maker, code);
      const items = before + codes.length;
      await expect(maker.getByRole("heading", { name: /^In the new unit:/ })).toHaveText(
        `In the new unit: ${items} items, ${packsInside} packs`,
      );
      await maker.getByRole("button", { name: `Pack ${items} items` }).click();
      await expectTxConfirmed(maker);
      const packed = maker.getByTestId("packed");
      await expect(packed).toContainText(`${packsInside} packs sealed in one unit`);
      return (await packed.getAttribute("data-sscc"))!;
    };

    const [case1, case2, pallet] =
      await test.step("the manufacturer packs two cases and a pallet of them", async () => {
        await maker.goto("/pack");
        const first = packs.slice(0, PER_CASE);
        // The same pack twice goes in once, with a sentence.
        await scanInto(maker, first[0]!.link);
        await scanInto(maker, first[0]!.link);
        await expect(maker.getByTestId("pack-error")).toContainText("This is already in the unit.");
        const case1 = await packUnit(
          first.slice(1).map((p) => p.link),
          PER_CASE,
          1,
        );
        // A pack sealed in a case cannot go into another unit.
        await scanInto(maker, first[0]!.link);
        await expect(maker.getByTestId("pack-error")).toContainText(`This pack is sealed in ${case1}`);
        const case2 = await packUnit(
          packs.slice(PER_CASE).map((p) => p.link),
          PER_CASE,
        );
        const pallet = await packUnit([case1, case2], PACKS);
        await maker.reload();
        const held = maker.getByTestId("held-units");
        await expect(held.locator(`[data-sscc="${pallet}"]`)).toContainText(`2 cases, ${PACKS} packs`);
        // The cases are on the pallet: only the pallet is a unit to ship or unpack.
        await expect(held.locator(`[data-sscc="${case1}"]`)).toHaveCount(0);
        // Packing moves nothing: the stock is what it was.
        await shipStock(maker, PACKS);
        return [case1, case2, pallet];
      });

    await test.step("the manufacturer ships the pallet by scanning its SSCC", async () => {
      await maker.goto("/ship");
      const section = maker.getByTestId("ship-unit");
      await section.getByLabel("Case or pallet SSCC (scan the label)").fill(pallet);
      await section.getByRole("button", { name: "Find unit" }).click();
      const found = maker.getByTestId("ship-unit-found");
      await expect(found.getByTestId("unit-summary")).toHaveText(`2 cases, ${PACKS} packs`);
      await chooseOption(found.getByLabel("Recipient"), DISTRIBUTOR);
      await found.getByTestId("ship-unit-submit").click();
      await expectTxConfirmed(section);
      await expect(maker.getByTestId("unit-shipped")).toContainText(`on its way to ${DISTRIBUTOR}`);
      await expect(lotOption(maker)).toHaveCount(0);
    });

    const distributor = await staffPage(DISTRIBUTOR, "/receive");
    await test.step("the distributor receives the pallet by one scan, as sealed", async () => {
      await expect(distributor.getByLabel("Shipment code (SSCC or label scan)")).toBeFocused();
      await wedgeScan(distributor, `00${pallet}`);
      const arrival = distributor.getByTestId("unit-arrival");
      await expect(arrival).toHaveAttribute("data-sscc", pallet);
      await expect(arrival.getByTestId("unit-seal")).toHaveText("Sealed");
      await expect(arrival.getByTestId("unit-cases").locator("li")).toHaveCount(2);
      await expect(arrival.getByTestId("unit-mismatch")).toHaveCount(0);
      await expect(arrival.getByTestId("unit-shipments")).toHaveText(
        `${PACKS} packs of lot ${lot} from ${MANUFACTURER}`,
      );
      await shot(distributor, "unit-arrival-pallet");
      await arrival.getByRole("button", { name: "Receive all (1 shipment)" }).click();
      await expectTxConfirmed(arrival);
      await expect(arrival.getByTestId("unit-arrival-done")).toHaveText(`2 cases, ${PACKS} packs, received as sealed.`);
      await dashboardStock(distributor, "/distributor", PACKS);
    });

    await test.step("a case on the sealed pallet would be taken off first: the ship page says so", async () => {
      await distributor.goto("/ship");
      const section = distributor.getByTestId("ship-unit");
      await section.getByLabel("Case or pallet SSCC (scan the label)").fill(case2);
      await section.getByRole("button", { name: "Find unit" }).click();
      await expect(section.getByTestId("ship-unit-takeoff")).toContainText(
        `Case ${case2} is on pallet ${pallet}. Shipping it takes it off first: two writes`,
      );
    });

    await test.step("the distributor opens the pallet", async () => {
      await distributor.goto("/receive");
      await distributor.getByLabel("Shipment code (SSCC or label scan)").fill(pallet);
      await distributor.getByRole("button", { name: "Find shipment" }).click();
      const arrival = distributor.getByTestId("unit-arrival");
      await arrival.getByRole("button", { name: "Open the unit" }).click();
      await expectTxConfirmed(arrival);
      await expect(arrival.getByTestId("unit-seal")).toHaveText("Opened");
      // Opening moves nothing either; the cases are the distributor's to ship.
      await shipStock(distributor, PACKS);
      await distributor.goto("/pack");
      const held = distributor.getByTestId("held-units");
      for (const c of [case1, case2])
        await expect(held.locator(`[data-sscc="${c}"]`)).toContainText(`${PER_CASE} packs`);
      await expect(held.locator(`[data-sscc="${pallet}"]`)).toHaveCount(0);
    });

    await test.step("the distributor ships one case to the pharmacy by scanning its SSCC", async () => {
      await distributor.goto("/ship");
      const section = distributor.getByTestId("ship-unit");
      await section.getByLabel("Case or pallet SSCC (scan the label)").fill(case1);
      await section.getByRole("button", { name: "Find unit" }).click();
      const found = distributor.getByTestId("ship-unit-found");
      await expect(found.getByTestId("unit-summary")).toHaveText(`${PER_CASE} packs`);
      await shot(distributor, "ship-unit-case");
      await chooseOption(found.getByLabel("Recipient"), PHARMACY);
      await found.getByTestId("ship-unit-submit").click();
      await expectTxConfirmed(section);
      await expect(distributor.getByTestId("unit-shipped")).toContainText(`on its way to ${PHARMACY}`);
      await shipStock(distributor, PACKS - PER_CASE);
    });

    const pharmacy = await staffPage(PHARMACY, "/receive");
    await test.step("the pharmacy receives the case by scanning the QR of its logistic label", async () => {
      const label = await pharmacy.request.get(`/api/custody/units/${case1}/label`);
      expect(label.status()).toBe(200);
      expect(label.headers()["content-type"]).toBe("application/pdf");
      const pdf = path.join(work, "case-label.pdf");
      await writeFile(pdf, await label.body());
      const [link] = (await decodePdfQrCodes(pdf)).filter((c) => c.includes(`/00/${case1}`));
      expect(link, "the case label's QR carries the case's Digital Link").toBeTruthy();
      await expect(pharmacy.getByLabel("Shipment code (SSCC or label scan)")).toBeFocused();
      await wedgeScan(pharmacy, link!);
      const arrival = pharmacy.getByTestId("unit-arrival");
      await expect(arrival).toHaveAttribute("data-sscc", case1);
      await expect(arrival.getByTestId("unit-seal")).toHaveText("Sealed");
      await expect(arrival).toContainText(MANUFACTURER);
      await arrival.getByRole("button", { name: "Receive all (1 shipment)" }).click();
      await expectTxConfirmed(arrival);
      await expect(arrival.getByTestId("unit-arrival-done")).toHaveText(`${PER_CASE} packs, received as sealed.`);
      await pharmacy.setViewportSize({ width: 390, height: 844 });
      await shot(pharmacy, "unit-arrival-case-390");
      await dashboardStock(pharmacy, "/pharmacy", PER_CASE);
    });

    await test.step("a consumer's verdict for a pack of the case is unchanged: genuine", async () => {
      const context = await browser.newContext({ ...devices["Pixel 7"], locale: "en-GB" });
      contexts.push(context);
      const consumer = await context.newPage();
      const pack = packs[1]!;
      await consumer.goto(pack.link);
      await consumer.getByLabel("Scratch off the label and type the 20-digit PIN").fill(pack.pin);
      await consumer.getByRole("button", { name: "Check this pack" }).click();
      await expect(consumer.getByTestId("verdict")).toHaveAttribute("data-verdict", "genuine");
    });
  } finally {
    for (const c of contexts) await c.close();
    await rm(work, { recursive: true, force: true });
  }
});
