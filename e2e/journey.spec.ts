/**
 * One journey through the real product (issue 5, "End-to-end tests"): a manufacturer registers a
 * batch and downloads its labels; the QR codes are read back from the downloaded PDF; two
 * shipments go to a distributor, who receives one through the camera and one through a
 * keyboard-wedge scanner, then splits the stock to two pharmacies (one shortfall); a pharmacy's
 * operator receives and its admin, another member, dispenses a pack; a consumer on a phone checks
 * packs (genuine, already verified, wrong PIN, unknown code, dispensed) and reports one; the
 * regulator sees the report, has the council recall the batch (proposed, executed after the delay)
 * and reads its provenance (split, shortfall, conservation), onboards a manufacturer with a GS1
 * company prefix (one covering Huaxin's refused first) and edits its prefixes, both through the
 * council; the consumer sees the recall, in English and in Chinese. Screenshots of every role's
 * main page go to e2e/artifacts/screenshots/.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseDigitalLink, pinFromDataDigits } from "@tracemed/codes/browser";
import { writeQrVideo } from "@tracemed/codes/testing";
import { devices, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ANVIL_MNEMONIC } from "@tracemed/chain/node";
import { mnemonicToAccount } from "viem/accounts";
import { cameraLaunchOptions } from "./lib/browser";
import { expect, signInAs, test, type DemoMember } from "./lib/fixtures";
import { executeProposal } from "./lib/council";
import { ARTIFACTS } from "./lib/globalSetup";
import { decodePdfQrCodes, parseCsv } from "./lib/labels";
import { chooseOption, expectTxConfirmed } from "./lib/ui";
import { GS, wedgeScan } from "./lib/wedge";

const MANUFACTURER = "Huaxin Pharmaceutical Co., Ltd.";
const DISTRIBUTOR = "Eastern Medical Distribution";
const PHARMACY = "Renmin Road Pharmacy";
/** The pharmacy's two members' anvil accounts (scripts/lib/demo.ts). */
const PHARMACY_MEMBERS = { admin: 6, operator: 17 };
const SECOND_PHARMACY = "Lakeside Community Pharmacy";
const REGULATOR = "National Medical Products Administration (demo)";
const NEW_MANUFACTURER = "Lanting Biologics (end-to-end test)";
const PRODUCT = "Amoxicillin";
const PACKS = 40;
const RECALL_REASON = "Particles found in retained samples (end-to-end test)";
const REPORT_TEXT = "The PIN under the scratch-off layer is refused (end-to-end test).";
// Consumers scan with a phone.
const PHONE = devices["Pixel 7"];

interface Label {
  gtin: string;
  lot: string;
  expiry: string;
  serial: string;
  pin: string;
  link: string;
  elementString: string;
}

test("journey: from the manufacturer's labels to the consumer's verdict, through the real stack", async ({
  browser,
  baseURL,
  playwright,
  shot,
}) => {
  const started = performance.now();
  const timings: { step: string; seconds: number }[] = [];
  async function step<T>(name: string, body: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await test.step(name, body);
    } finally {
      timings.push({ step: name, seconds: Math.round(performance.now() - t) / 1000 });
    }
  }
  const work = await mkdtemp(path.join(tmpdir(), "tracemed-journey-"));
  const contexts: BrowserContext[] = [];
  const staffPage = async (on: Browser, organisation: string, url: string, member?: DemoMember): Promise<Page> => {
    const context = await on.newContext({ locale: "en-GB" });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    await signInAs(page, organisation, member);
    return page;
  };
  const lot = `E2E${Date.now().toString(36).toUpperCase()}`;

  try {
    // ------------------------------------------------------------------ manufacturer
    const maker = await step("manufacturer signs in and registers a batch", async () => {
      const page = await staffPage(browser, MANUFACTURER, "/manufacturer");
      await expect(page.getByRole("heading", { level: 1, name: "Manufacturer" })).toBeVisible();
      await shot(page, "manufacturer");
      await page.getByRole("link", { name: "Register a batch" }).click();
      const form = page.getByTestId("register-form");
      await chooseOption(form.getByLabel("Product"), PRODUCT);
      await form.getByLabel("Lot number").fill(lot);
      const expiry = new Date(Date.now() + 2 * 365 * 86_400_000).toISOString().slice(0, 10);
      await form.getByLabel("Expiry date").fill(expiry);
      await form.getByLabel("Number of packs").fill(String(PACKS));
      // The button says what it does and nothing else (it once showed its own test id as text).
      const generate = form.getByTestId("register-submit");
      await expect(generate).toHaveText("Generate codes and labels");
      await generate.click();
      const registration = page.getByTestId("registration");
      await expect(registration).toHaveAttribute("data-status", /^(ready_to_sign|failed)$/, { timeout: 120_000 });
      if ((await registration.getAttribute("data-status")) === "failed")
        throw new Error(`the registration failed: ${await registration.getByRole("alert").innerText()}`);
      await registration.getByRole("button", { name: "Sign and register" }).click();
      await expect(registration.getByTestId("registered")).toContainText(`Lot ${lot} is registered`, {
        timeout: 90_000,
      });
      await registration.getByRole("link", { name: "Open the batch and download its labels" }).click();
      await expect(page.getByTestId("manufacturer-batch")).toBeVisible();
      await shot(page, "manufacturer-batch");
      return page;
    });

    await step(
      "manufacturer's products: its company prefix shown, another company's GTIN refused as typed",
      async () => {
        const page = await maker.context().newPage();
        await page.goto("/manufacturer/products");
        await expect(page.getByTestId("company-prefixes")).toContainText("6901234");
        const form = page.getByTestId("product-form");
        await form.getByLabel("GTIN").fill("5099151015051"); // a valid GTIN, under another company's prefix
        await expect(form.getByTestId("gtin-status")).toContainText("is not under your company prefixes (6901234)");
        await form.getByLabel("GTIN").fill("6901234999990");
        await expect(form.getByTestId("gtin-status")).toContainText("Valid GTIN 06901234999990");
        await page.close();
      },
    );

    const labels = await step(
      "manufacturer downloads the labels; their QR codes decode to the CSV's packs",
      async () => {
        const download = async (testId: string, file: string) => {
          const [d] = await Promise.all([maker.waitForEvent("download"), maker.getByTestId(testId).click()]);
          const to = path.join(work, file);
          await d.saveAs(to);
          return to;
        };
        const pdf = await download("download-sheets", "labels.pdf");
        const csv = await download("download-csv", "labels.csv");
        const rows = parseCsv(await readFile(csv, "utf8"));
        expect(rows).toHaveLength(PACKS);
        // What a phone reads off the printed first sheet: 3 x 8 labels, each a Digital Link to our host.
        const codes = await decodePdfQrCodes(pdf);
        expect(codes).toHaveLength(24);
        const byLink = new Map(rows.map((r) => [r.digital_link!, r]));
        const labels: Label[] = codes.map((link) => {
          const row = byLink.get(link);
          expect(row, `the CSV lists the pack of QR ${link}`).toBeTruthy();
          const parsed = parseDigitalLink(link);
          expect([parsed.lot, parsed.serial, new URL(link).origin]).toEqual([lot, row!.serial, baseURL]);
          return {
            gtin: row!.gtin!,
            lot: row!.lot!,
            expiry: row!.expiry!,
            serial: row!.serial!,
            pin: row!.pin!,
            link,
            elementString: row!.gs1_element_string!.replaceAll("<GS>", GS),
          };
        });
        return labels;
      },
    );
    // The packs the journey follows, all read from the printed sheet.
    const [checked, wrongPin, dispensed, recalled, recalledZh] = labels;

    const [viaCamera, viaWedge] = await step("manufacturer ships two shipments to the distributor", async () => {
      const page = maker;
      await page.goto("/ship");
      const shipment = async (quantity: number) => {
        const form = page.getByTestId("ship-form");
        await chooseOption(form.getByLabel("Batch"), `lot ${lot}`);
        await chooseOption(form.getByLabel("Recipient", { exact: true }), DISTRIBUTOR);
        await form.getByLabel("Quantity (packs)", { exact: true }).fill(String(quantity));
        await form.getByRole("button", { name: "Ship", exact: true }).click();
        await expectTxConfirmed(form);
        const code = page.getByTestId("shipment-code");
        await expect(code).toContainText(`${quantity} packs of lot ${lot} to ${DISTRIBUTOR}`);
        const sscc = await page.getByTestId("shipment-sscc").innerText();
        const link = await page.getByTestId("shipment-link").innerText();
        expect(link).toBe(`${baseURL}/00/${sscc}`);
        return { sscc, link, quantity };
      };
      const first = await shipment(20);
      await page.getByRole("button", { name: "Ship more of this batch" }).click();
      const second = await shipment(10);
      expect(second.sscc).not.toBe(first.sscc);
      return [first, second];
    });

    // ------------------------------------------------------------------ distributor
    await step("distributor receives the first shipment through the camera", async () => {
      const video = path.join(work, "shipment-label.y4m");
      await writeQrVideo(video, viaCamera.link);
      const cameraBrowser = await playwright.chromium.launch(cameraLaunchOptions(video));
      try {
        const page = await staffPage(cameraBrowser, DISTRIBUTOR, "/receive");
        await page.getByRole("button", { name: "Start camera" }).click();
        const selected = page.getByTestId("receive-selected");
        await expect(selected).toBeVisible({ timeout: 30_000 });
        await expect(page.getByTestId("receive-last-read")).toContainText(viaCamera.link);
        await expect(selected.getByRole("heading")).toContainText(viaCamera.sscc);
        await expect(selected.getByTestId("receive-shipped-quantity")).toHaveText(String(viaCamera.quantity));
        await expect(selected.getByLabel("Quantity received")).toHaveValue(String(viaCamera.quantity));
        await selected.getByRole("button", { name: "Confirm receipt" }).click();
        await expectTxConfirmed(page);
        await expect(page.getByTestId("receive-done")).toContainText(
          `Received ${viaCamera.quantity} packs of lot ${lot}`,
        );
      } finally {
        await cameraBrowser.close();
      }
    });

    const distributor = await step(
      "distributor receives the second shipment with a keyboard-wedge scanner",
      async () => {
        const page = await staffPage(browser, DISTRIBUTOR, "/receive");
        // A counter scanner types into the focused field: the page is ready for it on arrival.
        await page.reload();
        await expect(page.getByLabel("Shipment code (SSCC or label scan)")).toBeFocused();
        await wedgeScan(page, `00${viaWedge.sscc}`);
        const selected = page.getByTestId("receive-selected");
        await expect(selected.getByRole("heading")).toContainText(viaWedge.sscc);
        await expect(selected.getByLabel("Quantity received")).toHaveValue(String(viaWedge.quantity));
        await selected.getByRole("button", { name: "Confirm receipt" }).click();
        await expectTxConfirmed(page);
        await expect(page.getByTestId("receive-done")).toContainText(
          `Received ${viaWedge.quantity} packs of lot ${lot}`,
        );
        return page;
      },
    );

    const [toPharmacy, toSecond] = await step(
      "distributor splits the stock to two pharmacies in one transaction",
      async () => {
        const page = distributor;
        await page.goto("/distributor");
        await expect(page.getByRole("heading", { level: 1, name: "Distributor" })).toBeVisible();
        await shot(page, "distributor");
        await page.goto("/ship");
        const form = page.getByTestId("ship-form");
        await expect(
          form
            .getByLabel("Batch")
            .locator("option")
            .filter({ hasText: `lot ${lot}` }),
        ).toContainText(`${viaCamera.quantity + viaWedge.quantity} in stock`);
        // A split: one row per pharmacy, both shipments in one transaction, each with its own SSCC.
        await chooseOption(form.getByLabel("Batch"), `lot ${lot}`);
        await chooseOption(form.getByLabel("Recipient", { exact: true }), PHARMACY);
        await form.getByLabel("Quantity (packs)", { exact: true }).fill("12");
        await form.getByRole("button", { name: "Add another recipient (split)" }).click();
        await chooseOption(form.getByLabel("Recipient 2", { exact: true }), SECOND_PHARMACY);
        await form.getByLabel("Quantity (packs) for recipient 2", { exact: true }).fill("8");
        await form.getByRole("button", { name: "Ship to 2 recipients" }).click();
        await expectTxConfirmed(form);
        await expect(page.getByTestId("shipment-code")).toContainText("2 shipments on their way");
        const shipped = async (to: string, quantity: number) => {
          const item = page.getByTestId("shipment-item").filter({ hasText: `to ${to}` });
          await expect(item).toContainText(`${quantity} packs of lot ${lot} to ${to}`);
          return { sscc: (await item.getAttribute("data-sscc"))!, quantity };
        };
        const first = await shipped(PHARMACY, 12);
        const second = await shipped(SECOND_PHARMACY, 8);
        expect(second.sscc).not.toBe(first.sscc);
        return [first, second];
      },
    );

    // ------------------------------------------------------------------ pharmacies
    await step("the second pharmacy receives by typing the SSCC and records a shortfall of one pack", async () => {
      const page = await staffPage(browser, SECOND_PHARMACY, "/receive");
      await page.getByLabel("Shipment code (SSCC or label scan)").fill(toSecond.sscc);
      await page.getByRole("button", { name: "Find shipment" }).click();
      const selected = page.getByTestId("receive-selected");
      await expect(selected.getByTestId("receive-shipped-quantity")).toHaveText(String(toSecond.quantity));
      await selected.getByLabel("Quantity received").fill(String(toSecond.quantity - 1));
      await expect(selected).toContainText("Shortfall of 1 pack:");
      await selected.getByRole("button", { name: "Confirm receipt" }).click();
      await expectTxConfirmed(page);
      await expect(page.getByTestId("receive-done")).toContainText(
        `Received ${toSecond.quantity - 1} packs of lot ${lot}`,
      );
    });

    // Two members of one pharmacy share the work: the operator takes the delivery in, the admin dispenses.
    const signedInMember = (page: Page, index: number) =>
      expect(page.getByTestId("signed-in-member")).toHaveAttribute(
        "data-account",
        new RegExp(`^${mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }).address}$`, "i"),
      );
    await step("the pharmacy's operator receives its shipment from the list", async () => {
      const page = await staffPage(browser, PHARMACY, "/receive", "operator");
      await signedInMember(page, PHARMACY_MEMBERS.operator);
      await page.getByRole("button", { name: `Receive shipment ${toPharmacy.sscc}` }).click();
      const selected = page.getByTestId("receive-selected");
      await expect(selected.getByLabel("Quantity received")).toHaveValue(String(toPharmacy.quantity));
      await selected.getByRole("button", { name: "Confirm receipt" }).click();
      await expectTxConfirmed(page);
    });

    await step("another member of the pharmacy, its admin, dispenses a pack by scanning it", async () => {
      const page = await staffPage(browser, PHARMACY, "/pharmacy");
      await signedInMember(page, PHARMACY_MEMBERS.admin);
      await expect(page.getByRole("heading", { level: 1, name: "Pharmacy" })).toBeVisible();
      await shot(page, "pharmacy");
      await page.goto("/pharmacy/dispense");
      await expect(page.getByLabel("Pack code")).toBeFocused();
      // The DataMatrix's element string, FNC1 as GS, from a keyboard-wedge scanner.
      await wedgeScan(page, dispensed!.elementString);
      const row = page.getByTestId("queue-row").filter({ hasText: dispensed!.serial });
      await expect(row).toContainText("Ready");
      await page.getByRole("button", { name: "Dispense 1 pack" }).click();
      await expectTxConfirmed(page);
      await expect(page.getByTestId("dispense-done")).toContainText("Dispensed 1 pack.");
      await shot(page, "pharmacy-dispense");
      // The same pack scanned again: the counter is warned before anything is signed.
      await page.getByLabel("Pack code").click();
      await wedgeScan(page, dispensed!.elementString);
      await expect(page.getByTestId("queue-row").filter({ hasText: dispensed!.serial })).toHaveAttribute(
        "data-alerts",
        /already-dispensed/,
      );
      await expect(page.getByRole("alert").filter({ hasText: "Already dispensed" })).toBeVisible();
    });

    // ------------------------------------------------------------------ consumer
    const consumerContext = await browser.newContext({ ...PHONE, locale: "en-GB" }); // no wallet, no sign-in
    contexts.push(consumerContext);
    const consumer = await consumerContext.newPage();
    const checkPin = async (page: Page, pin: string) => {
      await page.getByLabel("Scratch off the label and type the 20-digit PIN").fill(pin);
      await page.getByRole("button", { name: "Check this pack" }).click();
      return page.getByTestId("verdict");
    };

    await step("consumer scans a pack (its Digital Link) and types the PIN: genuine", async () => {
      await consumer.goto("/");
      await shot(consumer, "consumer-home");
      await consumer.goto(checked!.link); // what the phone's camera app opens
      await expect(consumer).toHaveURL(new RegExp(`/pack/${checked!.gtin}/${lot}/${checked!.serial}`));
      await expect(consumer.getByTestId("pack-facts")).toContainText(PRODUCT);
      await expect(consumer.getByTestId("pack-facts")).toContainText(MANUFACTURER);
      const verdict = await checkPin(consumer, checked!.pin);
      await expect(verdict).toHaveAttribute("data-verdict", "genuine");
      await expect(verdict).toContainText("Genuine");
      await shot(consumer, "consumer-pack-genuine");
    });

    await step("consumer checks the same pack again: already verified", async () => {
      await consumer.reload();
      const verdict = await checkPin(consumer, checked!.pin);
      await expect(verdict).toHaveAttribute("data-verdict", "already_verified");
      await expect(verdict).toContainText("Already verified before");
    });

    await step("consumer types a wrong PIN (a valid check digit, not this pack's)", async () => {
      await consumer.goto(wrongPin!.link);
      const digits = wrongPin!.pin.replaceAll(" ", "");
      const other = pinFromDataDigits(String((Number(digits[0]) + 1) % 10) + digits.slice(1, 19));
      const verdict = await checkPin(consumer, other);
      await expect(verdict).toHaveAttribute("data-verdict", "pin_mismatch");
      await expect(verdict).toContainText("PIN does not match");
    });

    const reportId = await step("consumer reports the pack whose PIN does not work", async () => {
      const form = consumer.getByTestId("report-form");
      await form.getByLabel("The PIN does not work").check();
      await form.getByLabel("What did you notice?").fill(REPORT_TEXT);
      await form.getByRole("button", { name: "Send report" }).click();
      const sent = consumer.getByTestId("report-sent");
      await expect(sent).toContainText("was sent to the manufacturer and the regulator");
      return (await sent.getAttribute("data-report-id"))!;
    });

    await step("consumer scans an unknown code: likely counterfeit", async () => {
      const fake = new URL(checked!.link);
      fake.pathname = fake.pathname.replace(checked!.serial, "QQQQ2222XXXX");
      await consumer.goto(fake.toString());
      const verdict = consumer.getByTestId("verdict");
      await expect(verdict).toHaveAttribute("data-verdict", "unknown");
      await expect(verdict).toContainText("Unknown code");
    });

    await step("consumer checks the dispensed pack: genuine, dispensed by the pharmacy", async () => {
      await consumer.goto(dispensed!.link);
      const verdict = await checkPin(consumer, dispensed!.pin);
      await expect(verdict).toHaveAttribute("data-verdict", "dispensed");
      await expect(verdict).toContainText(PHARMACY);
    });

    // ------------------------------------------------------------------ regulator
    const regulator = await step("regulator sees the consumer's report and recalls the batch", async () => {
      const page = await staffPage(browser, REGULATOR, "/regulator");
      await shot(page, "regulator");
      const report = page.getByTestId("reports-table").locator(`tr[data-report-id="${reportId}"]`);
      await expect(report).toContainText(`${lot} / ${wrongPin!.serial}`);
      await expect(report).toContainText(REPORT_TEXT);
      const row = page.getByTestId("regulator-batches").locator(`tr[data-batch="${lot}"]`);
      await row.getByRole("button", { name: "Recall", exact: true }).click();
      await row.getByLabel("Reason (shown to pharmacies and consumers)").fill(RECALL_REASON);
      await row.getByRole("button", { name: "Continue" }).click();
      await row.getByRole("button", { name: "Confirm recall" }).click();
      // Recalling another organisation's batch is the council's: proposed, executed after the delay.
      await executeProposal(page, `Recall lot ${lot}`);
      await page.goto("/regulator");
      await expect(page.getByTestId("regulator-batches").locator(`tr[data-batch="${lot}"]`)).toContainText("Recalled");
      return page;
    });

    await step("the batch's provenance: the split, the shortfall, every pack accounted for", async () => {
      const page = regulator;
      const row = page.getByTestId("regulator-batches").locator(`tr[data-batch="${lot}"]`);
      await row.getByRole("link", { name: lot, exact: true }).click();
      await expect(page.getByTestId("batch-provenance")).toBeVisible();
      const nodes = page.getByTestId("custody-node");
      await expect(nodes).toHaveCount(4); // two shipments in, two out
      await expect(page.getByTestId("custody-tree")).toContainText("1 short");
      const hop = page.getByTestId("hops-table").getByRole("row").filter({ hasText: SECOND_PHARMACY });
      const cells = hop.getByRole("cell"); // from, to, shipped, received, short, ...
      await expect(cells.nth(2)).toHaveText(String(toSecond.quantity));
      await expect(cells.nth(3)).toHaveText(String(toSecond.quantity - 1));
      await expect(cells.nth(4)).toHaveText("⚠ 1");
      await expect(page.getByTestId("totals")).toHaveText(
        `${PACKS} registered = ${PACKS - 2} held + 0 in transit + 1 dispensed + 1 written off`,
      );
      await expect(page.getByText("Every pack is accounted for.")).toBeVisible();
      await shot(page, "batch-provenance");
    });

    await step("regulator onboards a manufacturer with its company prefix, then edits its prefixes", async () => {
      const page = regulator;
      await page.goto("/regulator");
      const orgs = page.getByTestId("organisations");
      await expect(orgs.locator(`tr[data-org="${MANUFACTURER}"]`)).toContainText("6901234");
      const form = page.getByTestId("onboard-form");
      const account = `0x${randomBytes(20).toString("hex")}`;
      await form.getByLabel("Account (0x address of its wallet)").fill(account);
      await form.getByLabel("Registered name").fill(NEW_MANUFACTURER);
      await form.getByLabel("manufacturer", { exact: true }).check();
      // Each identifier says what is wrong as it is typed: here the GLN's check digit, before anything is sent.
      const gln = form.getByLabel("GLN (13 digits)");
      await gln.fill("6909876000013");
      await expect(form.getByTestId("onboard-gln-typed")).toHaveText(
        "✕ The last digit (the check digit) should be 2, not 3: check the number.",
      );
      await expect(gln).toHaveAttribute("aria-invalid", "true");
      await gln.fill("6909876000012");
      await expect(form.getByTestId("onboard-gln-typed")).toHaveText("✓ Valid GLN.");
      await form.getByLabel("Country (ISO 3166 two-letter code)").fill("CN");
      const prefixes = form.getByLabel("GS1 company prefixes");
      // Over Huaxin's 6901234: the ledger would take it, the form refuses it before signing.
      await prefixes.fill("690123");
      // Assigning a company prefix is the council's: the onboarding with it is proposed, then executed.
      await form.getByRole("button", { name: "Propose to the council" }).click();
      await expect(form.getByRole("alert")).toHaveText(
        `✕ 690123 would cover 6901234, the company prefix of ${MANUFACTURER}.`,
      );
      await expect(prefixes).toBeFocused();
      await prefixes.fill("6909876");
      await form.getByRole("button", { name: "Propose to the council" }).click();
      await executeProposal(page, `Onboard ${NEW_MANUFACTURER}`);
      await page.goto("/regulator");
      const row = orgs.locator(`tr[data-account="${account}"]`);
      await expect(row).toContainText(NEW_MANUFACTURER);
      await expect(row).toContainText("6909876");

      await row.getByRole("button", { name: "Edit" }).click();
      const edit = row.getByTestId("edit-organisation-form");
      await expect(edit.getByLabel("GS1 company prefixes")).toHaveValue("6909876");
      await edit.getByLabel("GS1 company prefixes").fill("6909876, 06909876");
      await edit.getByRole("button", { name: "Propose the changes to the council" }).click();
      await executeProposal(page, "Assign company prefixes 6909876, 06909876");
      await page.goto("/regulator");
      await expect(row.getByRole("cell").filter({ hasText: "06909876" })).toHaveText("6909876, 06909876");
    });

    await step("consumer sees the recall on a pack of the batch", async () => {
      await consumer.goto(recalled!.link);
      await expect(consumer.getByTestId("batch-status")).toHaveAttribute("data-status", "recalled");
      await expect(consumer.getByRole("alert").filter({ hasText: RECALL_REASON })).toBeVisible();
      const verdict = await checkPin(consumer, recalled!.pin);
      await expect(verdict).toHaveAttribute("data-verdict", "recalled");
      await expect(verdict).toContainText(RECALL_REASON);
      await shot(consumer, "consumer-pack-recalled");
    });

    await step("the same consumer page in Chinese (zh-CN browser)", async () => {
      const zh = await browser.newContext({ ...PHONE, locale: "zh-CN" });
      contexts.push(zh);
      const page = await zh.newPage();
      await page.goto(recalledZh!.link);
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "recalled");
      await page.getByLabel("刮开涂层，输入 20 位验证码").fill(recalledZh!.pin);
      await page.getByRole("button", { name: "查验这盒药" }).click();
      const verdict = page.getByTestId("verdict");
      await expect(verdict).toHaveAttribute("data-verdict", "recalled");
      await expect(verdict).toContainText("已召回");
      await shot(page, "consumer-pack-recalled-zh-CN");
    });
  } finally {
    for (const c of contexts) await c.close().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
    const total = (performance.now() - started) / 1000;
    for (const t of timings) console.log(`[journey] ${t.seconds.toFixed(1).padStart(6)} s  ${t.step}`);
    console.log(`[journey] wall time ${total.toFixed(1)} s`);
    await writeFile(
      path.join(ARTIFACTS, "journey-timings.json"),
      JSON.stringify({ wallSeconds: Math.round(total * 10) / 10, steps: timings }, null, 2),
    );
  }
});
