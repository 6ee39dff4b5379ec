import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { createPublicClient, createWalletClient, http, parseEther, type Hash } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { ledgerChain } from "../chain";
import { ANVIL_CHAIN_ID, ANVIL_MNEMONIC, startAnvil } from "./anvil";
import { freePort, TEST_EVM } from "./hardhat";

/** The journal is the embedded anvil's: a TEST_EVM=hardhat run of this package skips it. */
const anvilOnly = { timeout: 60_000, skip: TEST_EVM !== "anvil" && "the embedded chain's journal is anvil's" };

test("a transaction reported confirmed survives a SIGKILL of the chain node", anvilOnly, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "tracemed-anvil-"));
  const p = await freePort();
  let chain = await startAnvil(dir, p);
  try {
    const network = ledgerChain(ANVIL_CHAIN_ID, chain.url);
    const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 3 });
    const wallet = createWalletClient({ account, chain: network, transport: http(chain.url) });
    const client = createPublicClient({ chain: network, transport: http(chain.url) });
    const confirmed: Hash[] = [];
    // A stream of writes, each confirmed (receipt) before the next; then the node dies at once,
    // well inside its one-second dump interval.
    for (let i = 0; i < 12; i++) {
      const hash = await wallet.sendTransaction({
        to: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 4 }).address,
        value: parseEther("0.01"),
      });
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
      assert.equal(receipt.status, "success");
      confirmed.push(hash);
    }
    chain.process.kill("SIGKILL");
    await chain.stop();

    chain = await startAnvil(dir, p);
    assert.ok(chain.replayed > 0, "the kill lost blocks that only the journal could bring back");
    const after = createPublicClient({ chain: network, transport: http(chain.url) });
    for (const hash of confirmed) {
      const receipt = await after.waitForTransactionReceipt({ hash, timeout: 10_000, pollingInterval: 50 });
      assert.equal(receipt.status, "success", `${hash} is on the chain again`);
    }
    // Nothing twice: the sender's nonce counts each transfer once.
    assert.equal(await after.getTransactionCount({ address: account.address }), confirmed.length);

    // A clean stop and start needs no replay, and the journal forgets what is on disk.
    await chain.stop();
    chain = await startAnvil(dir, p);
    await chain.stop();
    chain = await startAnvil(dir, p);
    assert.equal(chain.replayed, 0);
  } finally {
    await chain.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("the embedded chain's port refuses methods that rewrite the ledger or make the node sign", anvilOnly, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "tracemed-anvil-"));
  const chain = await startAnvil(dir, await freePort());
  try {
    type Answer = { id?: unknown; result?: unknown; error?: { code: number; message: string } };
    const call = async <T = Answer>(body: unknown) =>
      (await (
        await fetch(chain.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as T;
    const regulator = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 1 }).address;
    const refused = [
      ["anvil_setCode", [regulator, "0x00"]],
      ["anvil_setStorageAt", [regulator, "0x0", `0x${"0".repeat(64)}`]],
      ["anvil_impersonateAccount", [regulator]],
      ["anvil_reset", []],
      ["evm_snapshot", []],
      ["evm_revert", ["0x1"]],
      ["eth_sendTransaction", [{ from: regulator, to: regulator, value: "0x1" }]],
      ["eth_sendUnsignedTransaction", [{ from: regulator, to: regulator }]],
      ["eth_sign", [regulator, "0x00"]],
      ["debug_traceTransaction", [`0x${"0".repeat(64)}`]],
      ["personal_sendTransaction", []],
      [42, []],
    ] as const;
    for (const [method, params] of refused) {
      const answer = await call({ jsonrpc: "2.0", id: 7, method, params });
      assert.equal(answer.error?.code, -32601, `${String(method)} refused: ${JSON.stringify(answer)}`);
      assert.equal(answer.id, 7);
    }
    // The development method never reached the node: the account still has no code.
    assert.equal(
      (await call({ jsonrpc: "2.0", id: 1, method: "eth_getCode", params: [regulator, "latest"] })).result,
      "0x",
    );
    // A batch hiding one is refused whole; standard methods pass.
    const batch = await call<Answer[]>([
      { jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] },
      { jsonrpc: "2.0", id: 2, method: "evm_mine", params: [] },
    ]);
    assert.deepEqual(
      batch.map((a) => a.error?.code),
      [-32601, -32601],
    );
    assert.equal((await call({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] })).result, "0x7a69");
    assert.equal((await call({ jsonrpc: "2.0", id: 1, method: "net_version", params: [] })).result, "31337");
    assert.equal(
      typeof (await call({ jsonrpc: "2.0", id: 1, method: "web3_clientVersion", params: [] })).result,
      "string",
    );
  } finally {
    await chain.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
