/**
 * GAS_PRICE and TX_TYPE as the product's server-side writers apply them (ledgerWallet), on the EVM the
 * tests run on (anvil, or Hardhat's node with TEST_EVM=hardhat).
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { createPublicClient, http, parseGwei, toHex, zeroAddress } from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { ledgerChain, ledgerWallet } from "./chain";
import { compiledLedger, deployLedger } from "./deploy";
import { custodyLedgerAbi } from "./generated/custodyLedger";
import { countryToBytes2 } from "./ids";
import { ANVIL_CHAIN_ID, ANVIL_MNEMONIC } from "./node/anvil";
import { freePort, startTestEvm, TEST_EVM } from "./node/hardhat";
import { ROLE } from "./roles";

test(`every server-side write carries GAS_PRICE and TX_TYPE, on ${TEST_EVM}`, { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "tracemed-fees-"));
  const node = await startTestEvm(dir, await freePort());
  try {
    const chain = ledgerChain(ANVIL_CHAIN_ID, node.url);
    const transport = http(node.url);
    const client = createPublicClient({ chain, transport, pollingInterval: 20 });
    const deployer = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 });

    // A chain without EIP-1559: legacy transactions at a set price (the deployment, through deployContract).
    const legacy = ledgerWallet({
      account: deployer,
      chain,
      transport,
      tx: { type: "legacy", gasPrice: parseGwei("3") },
    });
    const d = await deployLedger(legacy, client, compiledLedger, {
      account: deployer.address,
      gln: 6901234000016n,
      country: "CN",
      name: "Regulator",
    });
    const deployTx = await client.getTransaction({ hash: d.transactionHash });
    assert.equal(deployTx.type, "legacy");
    assert.equal(deployTx.gasPrice, parseGwei("3"));

    // EIP-1559 with GAS_PRICE as the most a write pays (a ledger write, through writeContract).
    const capped = ledgerWallet({
      account: deployer,
      chain,
      transport,
      tx: { type: "eip1559", gasPrice: parseGwei("5") },
    });
    const pharmacy = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 1 }).address;
    const args = [pharmacy, ROLE.PHARMACY, 6901234000023n, countryToBytes2("CN"), "P"] as const;
    const onboard = await capped.writeContract({
      address: d.address,
      abi: custodyLedgerAbi,
      functionName: "onboard",
      args,
    });
    assert.equal((await client.waitForTransactionReceipt({ hash: onboard })).status, "success");
    const onboardTx = await client.getTransaction({ hash: onboard });
    assert.equal(onboardTx.type, "eip1559");
    assert.equal(onboardTx.maxFeePerGas, parseGwei("5"));
    assert.equal(onboardTx.maxPriorityFeePerGas, parseGwei("5"));

    // A zero-fee network (base fee 0, GAS_PRICE=0): an account holding no ether at all still writes.
    await client.request({ method: `${TEST_EVM}_setNextBlockBaseFeePerGas` as never, params: ["0x0"] as never });
    const unfunded = privateKeyToAccount(generatePrivateKey());
    assert.equal(await client.getBalance({ address: unfunded.address }), 0n);
    const free = ledgerWallet({ account: unfunded, chain, transport, tx: { type: "legacy", gasPrice: 0n } });
    const hash = await free.sendTransaction({ to: zeroAddress, value: 0n, data: toHex("zero-fee") });
    assert.equal((await client.waitForTransactionReceipt({ hash })).status, "success");
    assert.equal((await client.getTransaction({ hash })).gasPrice, 0n);

    // Nothing set: the node's own estimate, as before.
    const plain = ledgerWallet({ account: deployer, chain, transport });
    const estimated = await plain.sendTransaction({ to: zeroAddress, value: 0n });
    const tx = await client.getTransaction({ hash: estimated });
    assert.equal(tx.type, "eip1559");
    assert.ok(tx.maxFeePerGas! > 0n);
  } finally {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
