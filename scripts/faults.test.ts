/**
 * The product under hard failures, as its user runs it (scripts/start.ts): the chain node, the
 * indexer and the web app each killed with SIGKILL mid-stream. After a restart, everything that was
 * reported confirmed is still there, the database catches up, and nothing is recorded twice.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { batchIdOf, custodyLedgerAbi, ledgerChain } from "@tracemed/chain";
import { ANVIL_CHAIN_ID } from "@tracemed/chain/node";
import pg from "pg";
import { createPublicClient, createWalletClient, getContract, http, toHex, type Address, type Hash } from "viem";
import { DEMO_BATCHES, DEMO_PRODUCTS, demoOrganisation } from "./lib/demo.js";
import { pidOf, productEnv, startProduct, stopProduct, waitFor, type ProductEnv, type Running } from "./lib/product.js";

describe("the product under hard failures", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  let env: ProductEnv;
  let running: Running;
  const start = async () => {
    running = await startProduct(env);
    const r = running;
    cleanup.push(async () => stopProduct(r));
    return r;
  };
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const c = new pg.Client(`postgresql://postgres:postgres@127.0.0.1:${env.DB_PORT}/postgres?sslmode=disable`);
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  };
  const batch = DEMO_BATCHES[0]!;
  const batchId = batchIdOf(DEMO_PRODUCTS[batch.product]!.gtin, batch.lot);
  const maker = demoOrganisation("huaxin");
  const distributor = demoOrganisation("eastern");

  it("chainKilledDuringAStreamOfWrites_everyConfirmedWriteSurvivesAndIsIndexedOnce", { timeout: 600_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "tracemed-faults-"));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    env = await productEnv(dataDir);
    await start();
    const chainUrl = `http://127.0.0.1:${env.CHAIN_PORT}`;
    const evm = ledgerChain(ANVIL_CHAIN_ID, chainUrl);
    const client = createPublicClient({ chain: evm, transport: http(chainUrl), pollingInterval: 25 });
    const { address } = JSON.parse(await readFile(path.join(dataDir, "deployment.json"), "utf8")) as {
      address: Address;
    };
    const ledger = getContract({
      address,
      abi: custodyLedgerAbi,
      client: {
        public: client,
        wallet: createWalletClient({ account: maker.account, chain: evm, transport: http(chainUrl) }),
      },
    });

    // The manufacturer ships one pack at a time; each counts once its receipt is in.
    const confirmed: { hash: Hash; ref: `0x${string}` }[] = [];
    let killed = false;
    for (let i = 0; i < 14; i++) {
      const ref = toHex(0xfa17_0000 + i, { size: 32 });
      try {
        const hash = await ledger.write.ship([batchId, distributor.account.address, 1n, ref]);
        const receipt = await client.waitForTransactionReceipt({ hash, timeout: 5_000 });
        if (receipt.status === "success") confirmed.push({ hash, ref });
      } catch {
        assert.ok(killed, `write ${i} failed before the node was killed`);
      }
      if (i === 9) {
        process.kill(pidOf(running, "chain"), "SIGKILL"); // inside anvil's one-second dump interval
        killed = true;
      }
    }
    assert.equal(confirmed.length, 10);
    await stopProduct(running);

    await start();
    assert.match(running.output(), /\d+ confirmed transactions lost by a crash were sent again/);
    for (const { hash } of confirmed) {
      const receipt = await client.waitForTransactionReceipt({ hash, timeout: 15_000 });
      assert.equal(receipt.status, "success");
    }
    const refs = confirmed.map((c) => c.ref);
    // The indexer follows the chain through the lost blocks (a reorg to it) and records each once.
    await waitFor(
      async () =>
        (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Shipment" WHERE ref = ANY($1)`, [refs]))[0]!.n ===
        refs.length,
      "every confirmed shipment is in the database",
      60_000,
      running.output,
    );
    const events = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CustodyEvent" WHERE "eventName" = 'BatchShipped' AND args->>'ref' = ANY($1)`,
      [refs],
    );
    assert.equal(events[0]!.n, refs.length, "each shipment event indexed exactly once");
    const [stock] = await query<{ held: number }>(`SELECT held FROM "Holding" WHERE "batchId" = $1 AND account = $2`, [
      batchId,
      maker.account.address.toLowerCase(),
    ]);
    assert.equal(BigInt(stock!.held), (await ledger.read.holding([batchId, maker.account.address])).held);
  });

  it(
    "indexerAndWebAppKilled_claimsReportedGenuineReachTheChain_andTheProductComesBack",
    { timeout: 600_000 },
    async () => {
      const url = `http://127.0.0.1:${env.WEB_PORT}`;
      const sheet = (await readFile(path.join(env.DATA_DIR, "demo", `labels-${batch.lot}.csv`), "utf8"))
        .trim()
        .split("\r\n");
      const header = sheet[0]!.split(",");
      const labels = sheet.slice(1).map((line) => Object.fromEntries(header.map((h, k) => [h, line.split(",")[k]!])));
      const verify = async (l: Record<string, string>) => {
        const res = await fetch(`${url}/api/verify`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ gtin: l.gtin, lot: l.lot, serial: l.serial, pin: l.pin }),
        });
        return ((await res.json()) as { verdict: string }).verdict;
      };
      const fresh = labels.slice(10, 14);
      for (const l of fresh) assert.equal(await verify(l), "genuine");
      // The claims are queued for the chain; the indexer process (which submits them) dies now.
      process.kill(pidOf(running, "indexer"), "SIGKILL");
      await waitFor(() => running.child.exitCode !== null, "the start command stops when a part dies", 30_000);
      assert.equal(running.child.exitCode, 1);
      assert.match(running.output(), /the indexer exited/);

      await start();
      const chainUrl = `http://127.0.0.1:${env.CHAIN_PORT}`;
      const client = createPublicClient({ chain: ledgerChain(ANVIL_CHAIN_ID, chainUrl), transport: http(chainUrl) });
      const { address } = JSON.parse(await readFile(path.join(env.DATA_DIR, "deployment.json"), "utf8")) as {
        address: Address;
      };
      const claimed = async (index: string) =>
        client.readContract({
          address,
          abi: custodyLedgerAbi,
          functionName: "isClaimed",
          args: [batchId, BigInt(index)],
        });
      await waitFor(
        async () => (await Promise.all(fresh.map((l) => claimed(l.index!)))).every(Boolean),
        "every claim reported genuine is on chain",
        60_000,
        running.output,
      );
      for (const l of fresh) assert.equal(await verify(l), "already_verified");

      process.kill(pidOf(running, "web app"), "SIGKILL");
      await waitFor(() => running.child.exitCode !== null, "the start command stops when the web app dies", 30_000);
      assert.match(running.output(), /the web app exited/);
      await start();
      assert.equal((await fetch(`${url}/`)).status, 200);
      const [packs] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Pack" WHERE "batchId" = $1 AND "leafIndex" = ANY($2) AND "claimedAt" IS NOT NULL`,
        [batchId, fresh.map((l) => Number(l.index))],
      );
      assert.equal(packs!.n, fresh.length, "the database shows each claim once the indexer has read it");
      assert.equal(await stopProduct(running), 0);
    },
  );
});
