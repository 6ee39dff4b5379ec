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
import { parsePackCsv } from "@tracemed/codes";
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

  /** The demo's first label sheet of a batch: one record per label (gtin, lot, serial, pin, index, …). */
  const labelsOf = async (lot: string) => {
    return parsePackCsv(await readFile(path.join(env.DATA_DIR, "demo", `labels-${lot}.csv`), "utf8"));
  };
  const publicUrl = () => `http://127.0.0.1:${env.WEB_PORT}`;
  const verify = async (l: Record<string, string>) => {
    const res = await fetch(`${publicUrl()}/api/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ gtin: l.gtin, lot: l.lot, serial: l.serial, pin: l.pin }),
    });
    return { status: res.status, ...((await res.json()) as { verdict: string; genuine?: boolean }) };
  };
  const packStatus = async (l: Record<string, string>) =>
    ((await (await fetch(`${publicUrl()}/api/packs/${l.gtin}/${l.lot}/${l.serial}`)).json()) as { status?: string })
      .status;
  const chain = async () => {
    const chainUrl = `http://127.0.0.1:${env.CHAIN_PORT}`;
    const evm = ledgerChain(ANVIL_CHAIN_ID, chainUrl);
    const client = createPublicClient({ chain: evm, transport: http(chainUrl), pollingInterval: 25 });
    const { address } = JSON.parse(await readFile(path.join(env.DATA_DIR, "deployment.json"), "utf8")) as {
      address: Address;
    };
    const as = (key: "regulator" | "huaxin" | "alpenwerk") =>
      getContract({
        address,
        abi: custodyLedgerAbi,
        client: {
          public: client,
          wallet: createWalletClient({ account: demoOrganisation(key).account, chain: evm, transport: http(chainUrl) }),
        },
      });
    return { client, address, as };
  };
  /** Waits until the home page (served by the web app, through the front) answers 200 again. */
  const pagesAnswer = (what: string) =>
    waitFor(
      async () =>
        (await fetch(`${publicUrl()}/`).then(
          (r) => r.status,
          () => 0,
        )) === 200,
      what,
      60_000,
      running.output,
    );
  const dbStatus = async (id: string) =>
    (await query<{ status: string }>(`SELECT status FROM "Batch" WHERE id = $1`, [id]))[0]!.status;

  it(
    "indexerStopped_aRecallAndAQuarantineOnChainReachLookupsAndVerdictsWithin2s_andAnUnreachableChainIsNeverGenuine",
    { timeout: 300_000 },
    async (t) => {
      const { client, as } = await chain();
      const idOf = (b: (typeof DEMO_BATCHES)[number]) => batchIdOf(DEMO_PRODUCTS[b.product]!.gtin, b.lot);
      const [amx, met, , ins] = DEMO_BATCHES as [(typeof DEMO_BATCHES)[number], ...(typeof DEMO_BATCHES)[number][]];
      const insLabels = await labelsOf(ins!.lot);
      const amxLabels = await labelsOf(amx.lot);
      const metLabels = await labelsOf(met!.lot);
      const indexer = pidOf(running, "indexer");
      // The indexer stops (not dead: the supervisor does not restart it); the database stops learning.
      process.kill(indexer, "SIGSTOP");
      try {
        /**
         * ms from the write's receipt until the pack lookup says `expected`, and then the very next verdict of a
         * correct PIN says it too (one check each: a client may make 20 checks at once, then one every 3 s).
         */
        const untilBoth = async (expected: string, lookup: Record<string, string>, check: Record<string, string>) => {
          const t = Date.now();
          let seen: string | undefined;
          while ((seen = await packStatus(lookup)) !== expected) {
            if (Date.now() - t > 10_000) throw new Error(`the lookup still says ${seen} after 10 s`);
            await new Promise((r) => setTimeout(r, 50));
          }
          const verdict = await verify(check);
          assert.equal(verdict.verdict, expected);
          return Date.now() - t;
        };
        assert.equal(await packStatus(insLabels[0]!), "active");
        const recall = await as("alpenwerk").write.recall([idOf(ins!), "Sterility failure found in retained samples"]);
        await client.waitForTransactionReceipt({ hash: recall });
        // A fresh pack: the verification checks its PIN, then says recalled (never genuine).
        const recalledAfter = await untilBoth("recalled", insLabels[0]!, insLabels[1]!);
        assert.ok(recalledAfter <= 2_000, `recalled after ${recalledAfter} ms`);
        t.diagnostic(`the recall reached the lookup and the verdict ${recalledAfter} ms after its receipt`);
        const withReason = await verify(insLabels[2]!);
        assert.equal(withReason.verdict, "recalled");
        assert.equal(
          (withReason as unknown as { recall: { reason: string } }).recall.reason,
          "Sterility failure found in retained samples",
          "the reason comes from the chain too",
        );
        assert.equal(await dbStatus(idOf(ins!)), "active", "the database did not learn it: the chain's word did it");

        const hold = await as("regulator").write.quarantine([idOf(amx), "Suspected diversion under investigation"]);
        await client.waitForTransactionReceipt({ hash: hold });
        const quarantinedAfter = await untilBoth("quarantined", amxLabels[0]!, amxLabels[6]!);
        assert.ok(quarantinedAfter <= 2_000, `quarantined after ${quarantinedAfter} ms`);
        t.diagnostic(`the quarantine reached the lookup and the verdict ${quarantinedAfter} ms after its receipt`);

        // The chain stops answering too: the verdict cannot be sure, and says so; the pack is not claimed.
        const node = pidOf(running, "chain");
        process.kill(node, "SIGSTOP");
        try {
          await new Promise((r) => setTimeout(r, 1_200)); // past the last status read's second
          const unsure = await verify(metLabels[0]!);
          assert.equal(unsure.status, 200);
          assert.equal(unsure.verdict, "unconfirmed");
          assert.equal(unsure.genuine, true, "the PIN matched");
          assert.equal(await packStatus(metLabels[0]!), "unconfirmed");
          const claims = await query<{ n: number }>(
            `SELECT count(*)::int AS n FROM "ClaimRequest" WHERE "batchId" = $1 AND "leafIndex" = $2`,
            [idOf(met!), Number(metLabels[0]!.index)],
          );
          assert.equal(claims[0]!.n, 0, "an unconfirmed check does not claim the pack");
        } finally {
          process.kill(node, "SIGCONT");
        }
      } finally {
        process.kill(indexer, "SIGCONT");
      }
      // The indexer resumes and the database agrees; the pack checked while unsure is still a first check.
      await waitFor(
        async () => (await dbStatus(idOf(ins!))) === "recalled" && (await dbStatus(idOf(amx))) === "quarantined",
        "the indexer catches up",
        60_000,
        running.output,
      );
      assert.equal((await verify(metLabels[0]!)).verdict, "genuine");
    },
  );

  it(
    "indexerKilledDuring20Verifications_allAnswered_itRestarts_andEachClaimIsRecordedOnceOnChainAndInTheDatabase",
    { timeout: 600_000 },
    async () => {
      const { client, address } = await chain();
      const met = DEMO_BATCHES[1]!;
      const metId = batchIdOf(DEMO_PRODUCTS[met.product]!.gtin, met.lot);
      const fresh = (await labelsOf(met.lot)).slice(4, 24);
      assert.equal(fresh.length, 20);
      // The verification service on the public port dies: it is started again (which also gives this client
      // a fresh allowance of 20 checks at once).
      process.kill(pidOf(running, "verification service"), "SIGKILL");
      await waitFor(
        () => /the verification service exited \(signal SIGKILL\); restarting/.test(running.output()),
        "the restart is said",
      );
      await pagesAnswer("the public port answers again");
      const indexer = pidOf(running, "indexer");
      // 20 correct-PIN checks, one every 25 ms; the indexer (and claim submitter) dies after the 6th is sent.
      const answers = fresh.map(async (l, i) => {
        await new Promise((r) => setTimeout(r, i * 25));
        if (i === 6) process.kill(indexer, "SIGKILL");
        return verify(l).catch((e: Error) => ({ status: 0, verdict: `no answer: ${e.message}` }));
      });
      const verdicts = await Promise.all(answers);
      assert.deepEqual(
        verdicts.map((v) => `${v.status} ${v.verdict}`),
        fresh.map(() => "200 genuine"),
      );
      await waitFor(
        () => /the indexer exited \(signal SIGKILL\); restarting in \d+\.\d s/.test(running.output()),
        "the start command says it restarts the indexer",
        10_000,
        running.output,
      );
      assert.equal(running.child.exitCode, null, "the product keeps running");
      await waitFor(
        () => {
          try {
            return pidOf(running, "indexer") !== indexer;
          } catch {
            return false; // between the death and the restart, no indexer runs
          }
        },
        "a new indexer runs",
        30_000,
        running.output,
      );

      const claimed = async (index: string) =>
        client.readContract({
          address,
          abi: custodyLedgerAbi,
          functionName: "isClaimed",
          args: [metId, BigInt(index)],
        });
      await waitFor(
        async () => (await Promise.all(fresh.map((l) => claimed(l.index!)))).every(Boolean),
        "every claim reported genuine is on chain",
        90_000,
        running.output,
      );
      // Once on chain: one PacksClaimed entry per pack over all the ledger's claim events.
      const events = await client.getContractEvents({
        address,
        abi: custodyLedgerAbi,
        eventName: "PacksClaimed",
        args: { batchId: metId },
        fromBlock: 0n,
      });
      const onChain = events.flatMap((e) => (e.args as { indices?: readonly bigint[] }).indices ?? []).map(Number);
      for (const l of fresh)
        assert.equal(onChain.filter((i) => i === Number(l.index)).length, 1, `pack ${l.index} claimed once on chain`);
      // Once in the database: one claim request each, and each claim event indexed once.
      const indices = fresh.map((l) => Number(l.index));
      await waitFor(
        async () =>
          (
            await query<{ n: number }>(
              `SELECT count(*)::int AS n FROM "Pack" WHERE "batchId" = $1 AND "leafIndex" = ANY($2) AND "claimedAt" IS NOT NULL`,
              [metId, indices],
            )
          )[0]!.n === fresh.length,
        "the database shows each claim once the indexer has read it",
        60_000,
        running.output,
      );
      const [requests] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "ClaimRequest" WHERE "batchId" = $1 AND "leafIndex" = ANY($2)`,
        [metId, indices],
      );
      assert.equal(requests!.n, fresh.length);
      const indexed = await query<{ i: string }>(
        `SELECT jsonb_array_elements_text(args->'indices') AS i FROM "CustodyEvent"
          WHERE "eventName" = 'PacksClaimed' AND "batchId" = $1`,
        [metId],
      );
      for (const i of indices)
        assert.equal(indexed.filter((r) => Number(r.i) === i).length, 1, `pack ${i}'s claim indexed once`);

      // The web app dies: the public port keeps answering (the hot paths at once), and the app comes back.
      const web = pidOf(running, "web app");
      process.kill(web, "SIGKILL");
      assert.equal(await packStatus(fresh[0]!), "active");
      await waitFor(() => /the web app exited \(signal SIGKILL\); restarting/.test(running.output()), "restart said");
      await pagesAnswer("the web app answers again");
      assert.equal(running.child.exitCode, null);
      assert.equal(await stopProduct(running), 0);
    },
  );
});
