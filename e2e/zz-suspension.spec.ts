/**
 * Suspension is the regulator council's, and enforced off chain too. A proposal waits the council's delay:
 * the proposer cannot hurry it, the other regulator can cancel it, and a cancelled proposal can never be
 * executed (both regulators sign with their own keys through the app's /api/rpc). In the browser, one regulator
 * proposes "Suspend" on the regulator page and the other approves it on the council page: the quorum of two is
 * reached and it is executed at once. The reinstatement is proposed the same way and executed by its proposer
 * after the delay ("Execute" on the council page). Then a manufacturer signed in before finds every staff page and API closed to
 * its existing session once the indexer has seen the suspension, and cannot sign in again; reinstated the same
 * way, the same session works again. Runs last: it changes an organisation of the shared demo.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { ANVIL_MNEMONIC } from "@tracemed/chain/node";
import { setTimeout as sleep } from "node:timers/promises";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  http,
  parseAbi,
  type Address,
  type Hex,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { approveProposal, executeProposal } from "./lib/council";
import { expect, signInAs, test } from "./lib/fixtures";
import { signIn, trySignIn } from "./lib/signIn";

/**
 * The ledger's council function and the council's calls used (the generated ABIs' module pulls in JSON
 * that Playwright's loader refuses).
 */
const ledgerAbi = parseAbi(["function suspend(address account)"]);
const councilAbi = parseAbi([
  "function schedule(address target, bytes data, uint48 when) returns (bytes32 operationId, uint32 nonce)",
  "function execute(address target, bytes data) payable returns (uint32)",
  "function cancel(address caller, address target, bytes data) returns (uint32)",
  "function hashOperation(address caller, address target, bytes data) view returns (bytes32)",
  "function getSchedule(bytes32 id) view returns (uint48)",
  "error AccessManagerNotScheduled(bytes32 operationId)",
  "error AccessManagerNotReady(bytes32 operationId)",
  "error AccessManagerUnauthorizedCall(address caller, address target, bytes4 selector)",
]);
const ALPENWERK = 3; // a demo manufacturer (anvil account 3) that the journey does not use
const ALPENWERK_NAME = "Alpenwerk Pharma GmbH";
const REGULATOR_NAME = "National Medical Products Administration (demo)";
const SECOND_REGULATOR_NAME = "Bundesinstitut für Arzneimittel und Medizinprodukte (demo)";
const REGULATOR = 1; // the Chinese regulator's admin
const SECOND_REGULATOR = 10; // the German regulator's admin: the council's other member
const ANY_BATCH = `0x${"ab".repeat(32)}`;
const STAFF_PAGES = [
  "/manufacturer",
  "/manufacturer/products",
  "/manufacturer/batches/new",
  `/manufacturer/batches/${ANY_BATCH}`,
  "/distributor",
  "/pharmacy",
  "/pharmacy/dispense",
  "/receive",
  "/ship",
  "/ship/label/069012340000012347",
  "/regulator",
  "/batches",
  `/batches/${ANY_BATCH}`,
];

test("the council suspends once approved, unless cancelled; the suspended session is refused everywhere", async ({
  playwright,
  browser,
  baseURL,
  page,
}) => {
  const context = async (index: number) => {
    const request = await playwright.request.newContext({ baseURL });
    await signIn(request, baseURL!, index);
    return request;
  };
  const maker = await context(ALPENWERK);
  const regulators = [await context(REGULATOR), await context(SECOND_REGULATOR)] as const;
  const products = async (request: APIRequestContext) => {
    const res = await request.get("/api/manufacturer/products");
    return { status: res.status(), body: (await res.json()) as { error?: { code: string; message: string } } };
  };
  expect((await products(maker)).status).toBe(200);

  // Each regulator signs with its own key and sends through /api/rpc with its own session.
  const deployment = JSON.parse(await readFile(path.join(process.env.E2E_DATA_DIR!, "deployment.json"), "utf8")) as {
    chainId: number;
    address: Address;
    council: Address;
  };
  const chain = defineChain({
    id: deployment.chainId,
    name: "TraceMed (e2e)",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [`${baseURL}/api/rpc`] } },
  });
  const regulator = async (request: APIRequestContext, index: number) => {
    const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const transport = http(`${baseURL}/api/rpc`, { fetchOptions: { headers: { cookie } } });
    const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
    return {
      client: createPublicClient({ chain, transport }),
      wallet: createWalletClient({ chain, transport, account }),
    };
  };
  const [first, second] = [await regulator(regulators[0], REGULATOR), await regulator(regulators[1], SECOND_REGULATOR)];
  const { client } = first;
  const alpenwerk = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: ALPENWERK }).address;
  const council = { address: deployment.council, abi: councilAbi } as const;
  const mined = async (hash: Promise<Hex>) =>
    expect((await client.waitForTransactionReceipt({ hash: await hash })).status).toBe("success");
  const execute = (data: Hex) =>
    first.wallet.writeContract({ ...council, functionName: "execute", args: [deployment.address, data] });
  /** The first regulator proposes `data`; returns when it may be executed (the end of the delay, in ms). */
  const propose = async (data: Hex) => {
    await mined(
      first.wallet.writeContract({ ...council, functionName: "schedule", args: [deployment.address, data, 0] }),
    );
    const id = await client.readContract({
      ...council,
      functionName: "hashOperation",
      args: [first.wallet.account.address, deployment.address, data],
    });
    return Number(await client.readContract({ ...council, functionName: "getSchedule", args: [id] })) * 1000;
  };
  /**
   * The first regulator in its browser proposes `action` on the regulator page; the second approves it on the
   * council page (executed at once), or, `afterDelay`, the first executes it there once the delay has passed.
   */
  const office = await browser.newContext({ baseURL, locale: "en-GB" });
  const desk = await office.newPage();
  await desk.goto("/batches");
  await signInAs(desk, REGULATOR_NAME);
  const otherOffice = await browser.newContext({ baseURL, locale: "en-GB" });
  const otherDesk = await otherOffice.newPage();
  await otherDesk.goto("/batches");
  await signInAs(otherDesk, SECOND_REGULATOR_NAME);
  const councilDecides = async (action: "Suspend" | "Reinstate", how: "approved" | "afterDelay") => {
    await desk.goto("/regulator#organisations");
    const row = desk.getByTestId("organisations").locator(`[data-org="${ALPENWERK_NAME}"]`);
    await row.getByRole("button", { name: action }).click();
    await row.getByRole("alertdialog").getByRole("button", { name: "Confirm" }).click();
    await expect(desk).toHaveURL(/\/regulator\/council$/, { timeout: 30_000 });
    if (how === "approved") await approveProposal(otherDesk, `${action} ${ALPENWERK_NAME}`);
    else await executeProposal(desk, `${action} ${ALPENWERK_NAME}`);
  };

  // Proposed, not executed: the organisation keeps working during the delay, and the proposer cannot hurry it.
  const suspend = encodeFunctionData({ abi: ledgerAbi, functionName: "suspend", args: [alpenwerk] });
  const cancelledReadyAt = await propose(suspend);
  await expect(execute(suspend)).rejects.toThrow(/AccessManagerNotReady/);
  // The other regulator cancels it; after the delay the proposal is gone for good.
  await mined(
    second.wallet.writeContract({
      ...council,
      functionName: "cancel",
      args: [first.wallet.account.address, deployment.address, suspend],
    }),
  );
  await sleep(Math.max(0, cancelledReadyAt + 1_000 - Date.now()));
  await expect(execute(suspend)).rejects.toThrow(/AccessManagerNotScheduled/);
  expect((await products(maker)).status).toBe(200);

  // Proposed again and approved by the other regulator: executed at once, without waiting for the delay.
  await councilDecides("Suspend", "approved");
  try {
    // Once indexed (the indexer follows the chain within a second or two), the next request is refused.
    await expect.poll(async () => (await products(maker)).status, { timeout: 15_000 }).toBe(403);
    const refused = await products(maker);
    expect(refused.body.error?.code).toBe("OrganisationSuspended");
    expect(refused.body.error?.message).toContain("Alpenwerk Pharma GmbH is suspended");

    // Every staff page says so to the same session, in the reader's language.
    await page.context().addCookies((await maker.storageState()).cookies);
    for (const staffPage of STAFF_PAGES) {
      await page.goto(staffPage);
      await expect(page.getByTestId("sign-in-needed"), staffPage).toContainText(
        "Alpenwerk Pharma GmbH is suspended from the network",
      );
    }
    await page.context().addCookies([{ name: "lang", value: "zh-CN", url: baseURL! }]);
    await page.goto("/manufacturer");
    await expect(page.getByTestId("sign-in-needed")).toContainText("Alpenwerk Pharma GmbH 已被监管部门暂停网络资格");

    // Signing in afresh is refused too.
    const fresh = await playwright.request.newContext({ baseURL });
    const again = await trySignIn(fresh, baseURL!, ALPENWERK);
    expect(again.status()).toBe(403);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("OrganisationSuspended");
    await fresh.dispose();
  } finally {
    // Reinstated through the council too, by its proposer after the delay.
    await councilDecides("Reinstate", "afterDelay");
  }
  await expect.poll(async () => (await products(maker)).status, { timeout: 15_000 }).toBe(200);
  await maker.dispose();
  for (const r of regulators) await r.dispose();
  await office.close();
  await otherOffice.close();
});
