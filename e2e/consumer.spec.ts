/**
 * The consumer's scan on a phone (390 x 844), in English with JavaScript and in Chinese without it: the QR's
 * Digital Link opens the pack page, the PIN gives the verdict (genuine, already verified, a wrong PIN with the
 * attempts left, recalled, a code whose expiry is not the ledger's). Without JavaScript every step is a plain
 * link or form post. On every page: tap targets at least 44 px high, nothing within 12 px of the screen's edge,
 * the header on one line. Screenshots at 390 and 1280 px go to e2e/artifacts/screenshots.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pinFromDataDigits } from "@tracemed/codes/browser";
import { writeQrVideo } from "@tracemed/codes/testing";
import type { Page } from "@playwright/test";
import { cameraLaunchOptions } from "./lib/browser";
import { expect, test } from "./lib/fixtures";
import { parseCsv } from "./lib/labels";

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const TAP = 44;
const EDGE = 12;

async function labels(lot: string) {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run through the Playwright config");
  return parseCsv(await readFile(path.join(dataDir, "demo", `labels-${lot}.csv`), "utf8"));
}

/** Every tap target at least 44 px high; every block at least 12 px from both edges; the header on one line. */
async function expectPhoneLayout(page: Page, where: string) {
  const width = page.viewportSize()!.width;
  const problems: string[] = [];
  const targets = page.locator(
    "a:visible:not(.skip), button:visible, input:visible:not([type=radio]):not([type=hidden]), textarea:visible, summary:visible, label.choice:visible",
  );
  for (const target of await targets.all()) {
    const box = await target.boundingBox();
    if (!box) continue;
    const name = (await target.evaluate((e) => `${e.tagName.toLowerCase()} "${e.textContent?.trim().slice(0, 30)}"`))!;
    if (box.height < TAP) problems.push(`${name} is ${box.height.toFixed(1)} px high`);
  }
  for (const block of await page.locator("main > *:visible, main form > *:visible, header nav > a").all()) {
    const box = await block.boundingBox();
    if (!box || box.width <= 1) continue; // visually hidden
    const name = await block.evaluate((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    if (box.x < EDGE - 0.5 || box.x + box.width > width - EDGE + 0.5)
      problems.push(`${name} spans ${box.x.toFixed(1)}..${(box.x + box.width).toFixed(1)} of ${width} px`);
  }
  const tops = new Set<number>();
  for (const link of await page.locator("header nav > a").all()) tops.add(Math.round((await link.boundingBox())!.y));
  if (tops.size !== 1) problems.push(`the header's links sit on ${tops.size} lines`);
  expect(problems, `${where}:\n${problems.join("\n")}`).toEqual([]);
}

const RUNS = [
  {
    name: "English, JavaScript on",
    tag: "en-js",
    locale: "en-GB",
    js: true,
    rows: { fresh: 12, wrong: 13, relabelled: 16, recalled: 12 },
    words: {
      lang: "en",
      pinLabel: "Scratch off the label and type the 20-digit PIN",
      check: "Check this pack",
      genuine: "Genuine",
      again: "Already verified before",
      wrong: "PIN does not match",
      left: "4 more wrong PINs",
      recalled: "Recalled",
      mismatch: "Code does not match the ledger",
      title: /^Check this medicine: Amoxicillin/,
      product: "Amoxicillin 500 mg",
      switchTo: "中文",
    },
  },
  {
    name: "Chinese, JavaScript off",
    tag: "zh-nojs",
    locale: "zh-CN",
    js: false,
    rows: { fresh: 14, wrong: 15, relabelled: 17, recalled: 13 },
    words: {
      lang: "zh-CN",
      pinLabel: "刮开涂层，输入 20 位验证码",
      check: "查验这盒药",
      genuine: "正品",
      again: "此前已被查验",
      wrong: "验证码不匹配",
      left: "再输错 4 次",
      recalled: "已召回",
      mismatch: "编码与账本不符",
      title: /^查验这盒药：阿莫西林/,
      product: "阿莫西林 500 mg，胶囊，24 粒",
      switchTo: "English",
    },
  },
] as const;

for (const run of RUNS) {
  test(`the consumer's scan on a phone: ${run.name}`, async ({ browser, baseURL, shot }) => {
    const context = await browser.newContext({ ...PHONE, baseURL, locale: run.locale, javaScriptEnabled: run.js });
    const page = await context.newPage();
    const w = run.words;
    const amx = await labels("AMX2611A");
    const ibu = await labels("IBU-77120");
    const checkPin = async (pin: string) => {
      await page.getByLabel(w.pinLabel).fill(pin);
      await page.getByRole("button", { name: w.check, exact: true }).click();
      const verdict = page.getByTestId("verdict");
      await expect(verdict).toBeVisible();
      return verdict;
    };
    try {
      await test.step("the front door", async () => {
        await page.goto("/");
        await expect(page.locator("html")).toHaveAttribute("lang", w.lang);
        await expectPhoneLayout(page, "home");
        await shot(page, `consumer-390-${run.tag}-home`);
      });

      const fresh = amx[run.rows.fresh]!;
      await test.step("the QR opens the pack page; the PIN gives the verdict: genuine", async () => {
        await page.goto(fresh.digital_link!);
        await expect(page).toHaveURL(new RegExp(`/pack/${fresh.gtin}/${fresh.lot}/${fresh.serial}`));
        await expect(page).toHaveTitle(w.title);
        await expect(page.getByTestId("pack-facts")).toContainText(w.product);
        await expectPhoneLayout(page, "pack page");
        if (run.js) {
          // The script groups the digits as they are typed and keeps the button until the check digit is right.
          const field = page.getByLabel(w.pinLabel);
          await field.pressSequentially(fresh.pin!.replace(/\D/g, "").slice(0, 19));
          await expect(page.getByRole("button", { name: w.check, exact: true })).toBeDisabled();
          await field.press(fresh.pin!.replace(/\D/g, "").slice(19));
          await expect(field).toHaveValue(fresh.pin!.replace(/\D/g, "").replace(/(\d{4})(?=\d)/g, "$1 "));
        }
        const verdict = await checkPin(fresh.pin!);
        await expect(verdict).toHaveAttribute("data-verdict", "genuine");
        await expect(verdict).toContainText(w.genuine);
        // With JavaScript the verdict is drawn in place; without it the form post answered with the verdict page.
        await expect(page).toHaveURL(new RegExp(`/pack/${fresh.gtin}/${fresh.lot}/${fresh.serial}`));
        await expectPhoneLayout(page, "verdict page");
        await shot(page, `consumer-390-${run.tag}-genuine`);
      });

      await test.step("the same pack again: already verified", async () => {
        await page.goto(fresh.digital_link!);
        const verdict = await checkPin(fresh.pin!);
        await expect(verdict).toHaveAttribute("data-verdict", "already_verified");
        await expect(verdict).toContainText(w.again);
      });

      await test.step("a wrong PIN (its check digit right): does not match, and how many tries are left", async () => {
        const pack = amx[run.rows.wrong]!;
        await page.goto(pack.digital_link!);
        const digits = pack.pin!.replace(/\D/g, "");
        const verdict = await checkPin(pinFromDataDigits(String((Number(digits[0]) + 1) % 10) + digits.slice(1, 19)));
        await expect(verdict).toHaveAttribute("data-verdict", "pin_mismatch");
        await expect(verdict).toContainText(w.wrong);
        await expect(verdict.getByTestId("attempts-left")).toContainText(w.left);
        await shot(page, `consumer-390-${run.tag}-wrong-pin`);
      });

      await test.step("a pack of a recalled batch: said before the PIN, and the verdict", async () => {
        const pack = ibu[run.rows.recalled]!;
        await page.goto(pack.digital_link!);
        await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "recalled");
        await expect(page.getByTestId("pack-notice")).toBeVisible();
        const verdict = await checkPin(pack.pin!);
        await expect(verdict).toHaveAttribute("data-verdict", "recalled");
        await expect(verdict).toContainText(w.recalled);
        await expectPhoneLayout(page, "recalled verdict");
        await shot(page, `consumer-390-${run.tag}-recalled`);
      });

      await test.step("a code whose printed expiry is not the ledger's: said before the PIN, and the verdict", async () => {
        const pack = amx[run.rows.relabelled]!;
        const other = String((Number(pack.expiry!.slice(0, 2)) + 1) % 100).padStart(2, "0") + pack.expiry!.slice(2);
        await page.goto(`/pack/${pack.gtin}/${pack.lot}/${pack.serial}?17=${other}`);
        await expect(page.getByTestId("pack-mismatch")).toBeVisible();
        const verdict = await checkPin(pack.pin!);
        await expect(verdict).toHaveAttribute("data-verdict", "code_mismatch");
        await expect(verdict).toContainText(w.mismatch);
      });

      await test.step("the language switch is a plain link back to the same page", async () => {
        await page.goto(fresh.digital_link!);
        const at = new URL(page.url()).pathname;
        await expect(page.getByTestId("language-switch")).toHaveText(w.switchTo);
        await page.getByTestId("language-switch").click();
        await expect(page.locator("html")).not.toHaveAttribute("lang", w.lang);
        expect(new URL(page.url()).pathname).toBe(at);
        await page.getByTestId("language-switch").click();
        await expect(page.locator("html")).toHaveAttribute("lang", w.lang);
      });

      await test.step("the same pages at 1280 px", async () => {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto("/");
        await shot(page, `consumer-1280-${run.tag}-home`);
        await page.goto(ibu[run.rows.recalled]!.digital_link!);
        await shot(page, `consumer-1280-${run.tag}-recalled`);
      });
    } finally {
      await context.close();
    }
  });
}

test("the consumer's scan page reads a pack's QR with the phone's camera and opens its page", async ({
  playwright,
  baseURL,
}) => {
  const pack = (await labels("MET2611B"))[12]!;
  const work = await mkdtemp(path.join(tmpdir(), "tracemed-consumer-scan-"));
  const video = path.join(work, "qr.y4m");
  await writeQrVideo(video, pack.digital_link!);
  // Chromium on Linux has no BarcodeDetector: the page falls back to zxing-wasm, served from /zxing/.
  const camera = await playwright.chromium.launch(cameraLaunchOptions(video));
  try {
    const context = await camera.newContext({ ...PHONE, baseURL, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto("/scan");
    await expectPhoneLayout(page, "scan page");
    await page.getByTestId("camera-start").click();
    await expect(page).toHaveURL(new RegExp(`/pack/${pack.gtin}/${pack.lot}/${pack.serial}`), { timeout: 60_000 });
    await expect(page.getByTestId("pack-facts")).toContainText(pack.serial!);
  } finally {
    await camera.close();
    await rm(work, { recursive: true, force: true });
  }
});
