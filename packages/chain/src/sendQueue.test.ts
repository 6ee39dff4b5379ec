import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { createPublicClient, createWalletClient, http, parseEther } from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { ledgerChain } from "./chain";
import { ANVIL_CHAIN_ID, ANVIL_MNEMONIC } from "./node/anvil";
import { freePort, startTestEvm, TEST_EVM } from "./node/hardhat";
import { accountsInTurn, inTurn } from "./sendQueue";

test("one account's works run one at a time in the order queued; a failure does not stop the next", async () => {
  const log: string[] = [];
  let running = 0;
  const work =
    (name: string, fail = false) =>
    async () => {
      running++;
      assert.equal(running, 1, `${name} started while another work of the account was running`);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(`${name} failed`);
      return name;
    };
  const results = await Promise.allSettled([
    inTurn("0xAbC", work("a")),
    inTurn("0xabc", work("b", true)),
    inTurn("0xABC", work("c")),
  ]);
  assert.deepEqual(
    results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message)),
    ["a", "b failed", "c"],
  );
  assert.deepEqual(log, ["start a", "end a", "start b", "end b", "start c", "end c"]);
  await new Promise((r) => setImmediate(r));
  assert.equal(accountsInTurn(), 0, "no entry is left once the account's works are done");
});

test("two accounts do not wait for each other", async () => {
  let release!: () => void;
  const held = inTurn("0x1", () => new Promise<void>((r) => (release = r)));
  const other = await Promise.race([
    inTurn("0x2", async () => "ran"),
    new Promise((r) => setTimeout(() => r("waited"), 500)),
  ]);
  assert.equal(other, "ran");
  release();
  await held;
});

test(
  `eight writes sent at once from one account all land, nonces 0 to 7, on ${TEST_EVM}`,
  { timeout: 60_000 },
  async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tracemed-queue-"));
    const node = await startTestEvm(dir, await freePort());
    try {
      const chain = ledgerChain(ANVIL_CHAIN_ID, node.url);
      const transport = http(node.url);
      const client = createPublicClient({ chain, transport, pollingInterval: 20 });
      const funder = createWalletClient({
        account: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 }),
        chain,
        transport,
      });
      const sender = privateKeyToAccount(generatePrivateKey());
      await client.waitForTransactionReceipt({
        hash: await funder.sendTransaction({ to: sender.address, value: parseEther("1") }),
      });
      const wallet = createWalletClient({ account: sender, chain, transport });
      const to = privateKeyToAccount(generatePrivateKey()).address;
      const hashes = await Promise.all(
        Array.from({ length: 8 }, () => inTurn(sender.address, () => wallet.sendTransaction({ to, value: 1n }))),
      );
      const receipts = await Promise.all(hashes.map((hash) => client.waitForTransactionReceipt({ hash })));
      assert.deepEqual(
        receipts.map((r) => r.status),
        Array(8).fill("success"),
      );
      const nonces = await Promise.all(hashes.map(async (hash) => (await client.getTransaction({ hash })).nonce));
      assert.deepEqual(nonces, [0, 1, 2, 3, 4, 5, 6, 7]);
      assert.equal(await client.getBalance({ address: to }), 8n);
    } finally {
      await node.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
