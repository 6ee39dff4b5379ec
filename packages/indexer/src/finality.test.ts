/**
 * Which blocks the indexer treats as settled, on the EVM the tests run on (anvil, or Hardhat's node
 * with TEST_EVM=hardhat): the chain's own "finalized" block where it names one, the head minus N
 * confirmations otherwise, and never an idle chain's last blocks left unindexed for good.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createPublicClient, http, type PublicClient } from "viem";
import { catchUp, stopSharedPostgres, startWorld, TEST_EVM } from "./testing";

/**
 * The test chain as a client that predates the "finalized" and "safe" tags sees it (geth before the merge,
 * some permissioned clients): a JSON-RPC front that refuses those tags as such a node does, and passes the rest.
 */
async function withoutFinalityTags(target: string) {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", async () => {
      const call = JSON.parse(body) as { id: number; method: string; params?: unknown[] };
      res.setHeader("content-type", "application/json");
      if (call.method === "eth_getBlockByNumber" && ["finalized", "safe"].includes(String(call.params?.[0]))) {
        res.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, error: { code: -32602, message: "invalid block tag" } }));
        return;
      }
      const answer = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
      res.end(await answer.text());
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    client: createPublicClient({ transport: http(url), cacheTime: 0 }) as PublicClient,
    close: () => new Promise((r) => server.close(r)),
  };
}

after(stopSharedPostgres);

describe(`which blocks the indexer reads, on ${TEST_EVM}`, () => {
  it("followsTheChainsFinalizedBlock_thenItsHeadOnceTheChainIsIdle", { timeout: 120_000 }, async () => {
    const w = await startWorld("PostgreSQL 15");
    try {
      const lines: string[] = [];
      const ix = w.indexer({ finality: "finalized", idleSettleMs: 1_500, log: (l) => lines.push(l) });
      await w.lap();
      await w.mine(70); // anvil names a "finalized" block 64 behind its head; Hardhat's node names its head
      await w.lap();
      const finalized = async () =>
        BigInt((await w.rpc<{ number: `0x${string}` }>("eth_getBlockByNumber", ["finalized", false])).number);
      await catchUp(ix);
      const cursor = async () => (await w.db.indexerCursor.findFirstOrThrow()).lastBlock;
      assert.equal(await cursor(), await finalized(), "indexed exactly up to the chain's finalized block");
      const head = await w.client.getBlockNumber();
      if (head > (await finalized())) {
        assert.ok(
          (await w.db.batch.count()) < w.batches.length,
          "the last lap's batch is not finalized yet, so not shown",
        );
      }
      // The chain makes no more blocks (no one writes): its head counts as settled after idleSettleMs.
      await sleep(1_600);
      await catchUp(ix);
      assert.equal(await cursor(), head, "an idle chain's head is indexed");
      assert.equal(await w.db.batch.count(), w.batches.length);
      if (head > (await finalized()))
        assert.ok(
          lines.some((l) => /has made no block for \d+ s/.test(l)),
          lines.join("\n"),
        );
    } finally {
      await w.stop();
    }
  });

  it("waitsForConfirmations_butNeverLeavesAnIdleChainsLastWritesUnseen", { timeout: 120_000 }, async () => {
    const w = await startWorld("PostgreSQL 15");
    try {
      const lines: string[] = [];
      const ix = w.indexer({
        finality: "confirmations",
        confirmations: 2,
        idleSettleMs: 1_500,
        log: (l) => lines.push(l),
      });
      await w.lap();
      const head = await w.client.getBlockNumber();
      await catchUp(ix);
      const cursor = async () => (await w.db.indexerCursor.findFirstOrThrow()).lastBlock;
      // On a chain that mines only on transactions, these two blocks would never get their confirmations.
      assert.equal(await cursor(), head - 2n);
      await sleep(1_600);
      await catchUp(ix);
      assert.equal(await cursor(), head, "the head is indexed once the chain has been idle for idleSettleMs");
      assert.ok(
        lines.some((l) => /has made no block for \d+ s: indexing up to its head/.test(l)),
        lines.join("\n"),
      );
      // A new write: confirmations apply again while blocks keep coming.
      await w.lap();
      await catchUp(ix);
      assert.equal(await cursor(), (await w.client.getBlockNumber()) - 2n);

      // idleSettleMs 0 turns the rule off: the last two blocks wait for two more blocks.
      const strict = w.indexer({ finality: "confirmations", confirmations: 2, idleSettleMs: 0, holder: "strict" });
      await ix.releaseLease();
      await sleep(1_600);
      await catchUp(strict);
      assert.equal(await cursor(), (await w.client.getBlockNumber()) - 2n);
      await w.mine(2);
      await catchUp(strict);
      assert.equal(await cursor(), (await w.client.getBlockNumber()) - 2n);
    } finally {
      await w.stop();
    }
  });

  it("fallsBackToConfirmations_onAChainThatNamesNoFinalizedBlock", { timeout: 120_000 }, async () => {
    const w = await startWorld("PostgreSQL 15");
    const old = await withoutFinalityTags(w.chainUrl());
    try {
      const lines: string[] = [];
      const ix = w.indexer({
        client: old.client,
        finality: "finalized",
        confirmations: 3,
        idleSettleMs: 0,
        log: (l) => lines.push(l),
      });
      await w.lap();
      await catchUp(ix);
      const head = await w.client.getBlockNumber();
      assert.equal((await w.db.indexerCursor.findFirstOrThrow()).lastBlock, head - 3n);
      assert.ok(
        lines.some((l) => l.includes('names no "finalized" block: waiting 3 confirmation(s)')),
        lines.join("\n"),
      );
      assert.ok(
        lines.some((l) => l.includes('names no "safe" block')),
        lines.join("\n"),
      );
    } finally {
      await old.close();
      await w.stop();
    }
  });
});
