/**
 * Suspension is enforced off chain too: a manufacturer signed in before the regulator suspends it
 * finds every staff page and API closed to its existing session once the indexer has seen the
 * suspension, and cannot sign in again; reinstated, the same session works again. The regulator
 * suspends on chain with its own key, through the app's /api/rpc, as its browser would. Runs last:
 * it changes an organisation of the shared demo.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { ANVIL_MNEMONIC } from "@tracemed/chain/node";
import { createPublicClient, createWalletClient, defineChain, http, parseAbi, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { expect, test } from "./lib/fixtures";
import { signIn, trySignIn } from "./lib/signIn";

/** The two regulator functions used (the generated ABI's module pulls in JSON that Playwright's loader refuses). */
const abi = parseAbi(["function suspend(address account)", "function reinstate(address account)"]);
const ALPENWERK = 3; // a demo manufacturer (anvil account 3) that the journey does not use
const REGULATOR = 1;
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

test("a suspended organisation's session is refused by every staff page and API, and it cannot sign in", async ({
  playwright,
  baseURL,
  page,
}) => {
  const context = async (index: number) => {
    const request = await playwright.request.newContext({ baseURL });
    await signIn(request, baseURL!, index);
    return request;
  };
  const maker = await context(ALPENWERK);
  const regulator = await context(REGULATOR);
  const products = async (request: APIRequestContext) => {
    const res = await request.get("/api/manufacturer/products");
    return { status: res.status(), body: (await res.json()) as { error?: { code: string; message: string } } };
  };
  expect((await products(maker)).status).toBe(200);

  // The regulator signs `suspend` with its own key and sends it through /api/rpc with its session.
  const deployment = JSON.parse(await readFile(path.join(process.env.E2E_DATA_DIR!, "deployment.json"), "utf8")) as {
    chainId: number;
    address: Address;
  };
  const cookie = (await regulator.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const transport = http(`${baseURL}/api/rpc`, { fetchOptions: { headers: { cookie } } });
  const chain = defineChain({
    id: deployment.chainId,
    name: "TraceMed (e2e)",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [`${baseURL}/api/rpc`] } },
  });
  const client = createPublicClient({ chain, transport });
  const wallet = createWalletClient({
    chain,
    transport,
    account: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: REGULATOR }),
  });
  const alpenwerk = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: ALPENWERK }).address;
  const write = async (functionName: "suspend" | "reinstate") => {
    const hash = await wallet.writeContract({
      address: deployment.address,
      abi,
      functionName,
      args: [alpenwerk],
    });
    expect((await client.waitForTransactionReceipt({ hash })).status).toBe("success");
  };

  await write("suspend");
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
    await write("reinstate");
  }
  await expect.poll(async () => (await products(maker)).status, { timeout: 15_000 }).toBe(200);
  await maker.dispose();
  await regulator.dispose();
});
