/**
 * Click to "confirmed" for a ledger write signed with a passkey (the intent signed in the browser, sent by the
 * network's relayer) beside the same write signed by a wallet (the embedded chain's local demo account), in the
 * same run on the same stack: the product as `npm start` runs it (scripts/start.ts through e2e/lib/stack.ts),
 * Chromium with a virtual authenticator (CDP WebAuthn, user verification answered at once).
 *
 * The write: a pharmacy's admin changes its operator's permissions on /members (setMemberPermissions), the
 * wallet admin and a passkey admin in turn, BENCH_PASSKEY_RUNS (default 5) times each; "confirmed" is the
 * status the page shows once the block is indexed. Median of the runs.
 *
 * Run: bash scripts/node.sh node --import tsx bench/passkey.ts
 */
import path from "node:path";
import { chromium, expect, type Page } from "@playwright/test";
import { launchOptions } from "../e2e/lib/browser";
import { signInAs } from "../e2e/lib/fixtures";
import { approve, enrol, invite, phone, signInWithPasskey } from "../e2e/lib/passkey";
import { startStack } from "../e2e/lib/stack";
import { demoOrganisation } from "../scripts/lib/demo";
import { row, saveResults } from "./suite/results";

const RUNS = Number(process.env.BENCH_PASSKEY_RUNS ?? 5);
const pharmacy = demoOrganisation("markt");
const operator = pharmacy.operator.account.address.toLowerCase();

const stack = await startStack({ logFile: path.join(import.meta.dirname, "results", "passkey-stack.log") });
const browser = await chromium.launch(launchOptions);
try {
  const wallet = await (await browser.newContext({ baseURL: stack.url })).newPage();
  await wallet.goto("/members");
  await signInAs(wallet, pharmacy.name);
  const label = "Bench, counter laptop";
  const link = await invite(wallet, label, ["ADMIN", "SHIP", "DISPENSE"]);
  const laptop = await phone(browser, stack.url, { width: 1280, height: 800 });
  await approve(wallet, await enrol(laptop.page, link, pharmacy.name), label);
  await signInWithPasskey(laptop.page);
  await expect(laptop.page.getByTestId("signed-in")).toContainText(pharmacy.name);

  /** Toggles the operator's write-off permission on /members: ms from the click on Save to "confirmed". */
  async function timedWrite(page: Page): Promise<number> {
    await page.goto("/members");
    await page.getByTestId(`member-edit-${operator}`).click();
    await page.getByTestId(`edit-${operator}-WRITE_OFF`).click();
    const started = performance.now();
    await page.getByTestId("member-save").click();
    await page.locator('[data-tx-phase="confirmed"]').waitFor({ timeout: 120_000 });
    return performance.now() - started;
  }
  const times = { wallet: [] as number[], passkey: [] as number[] };
  await timedWrite(wallet); // warm-up: the pages and the relayer's first send
  await timedWrite(laptop.page);
  for (let i = 0; i < RUNS; i++) {
    times.wallet.push(await timedWrite(wallet));
    times.passkey.push(await timedWrite(laptop.page));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(JSON.stringify(times));
  await saveResults("passkey", [
    row(
      `click to confirmed, passkey write via the relayer (setMemberPermissions, median of ${RUNS})`,
      median(times.passkey),
      "ms",
      "the same write signed by a wallet (local demo account)",
      median(times.wallet),
    ),
  ]);
} finally {
  await browser.close();
  await stack.stop();
}
