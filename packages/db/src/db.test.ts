import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { createDb } from "./client";
import { startEmbeddedPostgres } from "./embedded";
import { migrate, MigrationError, migrationsDir } from "./migrate";
import { freePort, startTestPostgres } from "./testing/postgres";

interface Backend {
  url: string;
  restart?: () => Promise<string>;
  stop: () => Promise<void>;
}

const BACKENDS: Record<string, () => Promise<Backend>> = {
  "embedded PGlite": async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tracemed-pglite-"));
    const port = await freePort();
    let server = await startEmbeddedPostgres(dir, port);
    return {
      url: server.url,
      restart: async () => {
        await server.stop();
        server = await startEmbeddedPostgres(dir, port);
        return server.url;
      },
      stop: async () => {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
  "PostgreSQL 15": async () => {
    const server = await startTestPostgres();
    return { url: server.url, stop: server.stop };
  },
};

/** The backend of the enclosing suite: opened before its tests, stopped after them. */
function useBackend(open: () => Promise<Backend>): () => Backend {
  let backend: Backend | undefined;
  before(async () => {
    backend = await open();
  });
  after(async () => {
    await backend?.stop();
  });
  return () => backend!;
}

for (const [name, open] of Object.entries(BACKENDS)) {
  describe(name, () => {
    const backend = useBackend(open);

    it("migrate_appliesEachMigrationOnceAndRecordsItAsPrismaDoes", async () => {
      const committed = (await readdir(migrationsDir(), { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      assert.ok(committed.length >= 3 && committed[0] === "20261122000000_init");
      const first = await migrate(backend().url);
      assert.deepEqual(first.applied, committed);
      const second = await migrate(backend().url);
      assert.deepEqual(second, { applied: [], alreadyApplied: committed });
      const client = new pg.Client(backend().url);
      await client.connect();
      const { rows } = await client.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
      await client.end();
      assert.equal(rows.length, committed.length);
      const sql = await readFile(path.join(migrationsDir(), "20261122000000_init", "migration.sql"));
      assert.equal(rows[0].checksum, createHash("sha256").update(sql).digest("hex"));
      assert.equal(rows[0].applied_steps_count, 1);
      assert.ok(rows[0].finished_at instanceof Date);
      assert.match(rows[0].id, /^[0-9a-f-]{36}$/);
    });

    it("migrate_refusesAMigrationEditedAfterItWasApplied", async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "tracemed-migrations-"));
      await cp(migrationsDir(), dir, { recursive: true });
      const file = path.join(dir, "20261122000000_init", "migration.sql");
      await writeFile(file, (await readFile(file, "utf8")) + "\n-- edited\n");
      await assert.rejects(migrate(backend().url, dir), (e: unknown) => {
        assert.ok(e instanceof MigrationError);
        assert.match(e.message, /edited after it was applied/);
        return true;
      });
      await rm(dir, { recursive: true, force: true });
    });

    it("migrate_recordsAFailedMigrationAndAppliesNothingOfIt", async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "tracemed-migrations-"));
      await cp(migrationsDir(), dir, { recursive: true });
      await cp(path.join(migrationsDir(), "20261122000000_init"), path.join(dir, "29990101000000_broken"), {
        recursive: true,
      });
      await writeFile(
        path.join(dir, "29990101000000_broken", "migration.sql"),
        `CREATE TABLE "HalfDone" (id INT);\nSELECT no_such_function();\n`,
      );
      await assert.rejects(migrate(backend().url, dir), /29990101000000_broken failed/);
      const client = new pg.Client(backend().url);
      await client.connect();
      const half = await client.query(`SELECT to_regclass('"HalfDone"') AS t`);
      const recorded = await client.query(
        `SELECT logs, finished_at FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
      );
      await client.end();
      assert.equal(half.rows[0].t, null, "the failed migration's first statement was rolled back");
      assert.equal(recorded.rows.length, 1);
      assert.equal(recorded.rows[0].finished_at, null);
      assert.match(recorded.rows[0].logs, /no_such_function/);
      await rm(dir, { recursive: true, force: true });
    });

    it("packs_areFoundBySerialAmongTensOfThousands", async () => {
      const db = createDb(backend().url);
      const batchId = `0x${"ab".repeat(32)}`;
      const rows = Array.from({ length: 20_000 }, (_, i) => ({
        batchId,
        leafIndex: i,
        serial: `S${(i * 7919).toString(36).toUpperCase()}`,
        commitment: `0x${i.toString(16).padStart(64, "0")}`,
      }));
      for (let i = 0; i < rows.length; i += 5_000) await db.pack.createMany({ data: rows.slice(i, i + 5_000) });
      const wanted = rows[12_345]!;
      const found = await db.pack.findUnique({ where: { batchId_serial: { batchId, serial: wanted.serial } } });
      assert.equal(found?.leafIndex, 12_345);
      assert.equal(found?.commitment, wanted.commitment);
      // The (batchId, serial) lookup uses its unique index rather than scanning the batch.
      const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT * FROM "Pack" WHERE "batchId" = $1 AND serial = $2`,
        batchId,
        wanted.serial,
      );
      assert.match(plan.map((r) => r["QUERY PLAN"]).join("\n"), /Index Scan|Index Only Scan|Bitmap/);
      await assert.rejects(db.pack.create({ data: { ...wanted, leafIndex: 99_999 } }), /Unique constraint/);
      await db.$disconnect();
    });

    it("concurrentClients_eachGetTheirOwnStatementsAndTransactions", async () => {
      // Two pools, as the web app and the indexer are: differently shaped parameterised statements
      // and transactions at the same time must never see each other's.
      const a = new pg.Pool({ connectionString: backend().url, max: 6 });
      const b = new pg.Pool({ connectionString: backend().url, max: 6 });
      await a.query(`CREATE TABLE IF NOT EXISTS race (id INT PRIMARY KEY, v TEXT)`);
      const queries = Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0
          ? a.query("SELECT $1::int + $2::int + $3::int AS s", [i, 1, 2]).then((r) => assert.equal(r.rows[0].s, i + 3))
          : b
              .query(
                "SELECT $1::text || $2::text || $3::text || $4::text || $5::text || $6::text || $7::text || $8::text AS s",
                ["a", "b", "c", "d", "e", "f", "g", String(i)],
              )
              .then((r) => assert.equal(r.rows[0].s, `abcdefg${i}`)),
      );
      const transactions = Array.from({ length: 20 }, async (_, i) => {
        const client = await (i % 2 ? a : b).connect();
        try {
          await client.query("BEGIN");
          await client.query("INSERT INTO race (id, v) VALUES ($1, $2)", [i, `v${i}`]);
          if (i % 4 === 0) await client.query("ROLLBACK");
          else await client.query("COMMIT");
        } finally {
          client.release();
        }
      });
      await Promise.all([...queries, ...transactions]);
      const { rows } = await a.query("SELECT count(*)::int AS n FROM race");
      assert.equal(rows[0].n, 15, "the 15 committed transactions, not the 5 rolled back");
      await a.query("DROP TABLE race");
      await a.end();
      await b.end();
    });

    if (name === "embedded PGlite") {
      it("embedded_keepsItsDataAcrossARestart", async () => {
        const url = await backend().restart!();
        const db = createDb(url);
        assert.equal(await db.pack.count(), 20_000);
        assert.deepEqual((await migrate(url)).applied, []);
        await db.$disconnect();
      });
    }
  });
}

/** The migration that made statuses enums and added foreign keys, and the rows an earlier version left. */
const ENUMS = "20261205000000_enums_relations";
const EARLIER_ROWS = `
  INSERT INTO "Batch" (id, gtin, lot, "expiresAt", "packCount", "packsRoot", "manufacturerAccount", status,
                       "registeredAt", "registeredBlock", "registeredTx")
  VALUES ('0xb1', '06901234567892', 'L1', now(), 4, '0xr', '0xmaker', 'recalled', now(), 7, '0xtx1'),
         ('0xb2', '06901234567892', 'L2', now(), 4, '0xr', '0xother', 'active', now(), 8, '0xtx2');
  INSERT INTO "Shipment" (id, "batchId", "fromAccount", "toAccount", quantity, ref, status, "shippedAt", "shippedBlock", "shippedTx")
  VALUES ('0xs1', '0xb1', '0xmaker', '0xd', 2, '0x01', 'in_transit', now(), 9, '0xtx3'),
         ('0xs2', '0xgone', '0xmaker', '0xd', 1, '0x02', 'voided', now(), 9, '0xtx4');
  INSERT INTO "CustodyEvent" (id, "blockNumber", "blockHash", "logIndex", "txHash", "eventName", "bizStep", args, "occurredAt")
  VALUES ('0xh:1', 9, '0xh', 1, '0xtx3', 'BatchShipped', 'shipping', '{}', now());
  INSERT INTO "BatchRegistration" (id, "manufacturerAccount", "batchId", gtin, lot, expiry, "packCount", status, "linkBase", "updatedAt")
  VALUES ('r1', '0xmaker', '0xb1', '06901234567892', 'L1', '301231', 4, 'submitted', 'https://x', now()),
         ('r2', '0xmaker', '0xb2', '06901234567892', 'L2', '301231', 4, 'ready_to_sign', 'https://x', now()),
         ('r3', '0xmaker', '0xb3', '06901234567892', 'L3', '301231', 4, 'ready_to_sign', 'https://x', now());
  INSERT INTO "ConsumerScan" ("batchId", serial, verdict) VALUES ('0xb1', 'S1', 'locked');
  INSERT INTO "Pack" ("batchId", "leafIndex", serial, commitment) VALUES ('0xb1', 0, 'S1', '0xc');
  INSERT INTO "ClaimRequest" ("batchId", "leafIndex", commitment, "updatedAt") VALUES ('0xb1', 0, '0xc', now());`;

for (const [name, open] of Object.entries(BACKENDS)) {
  describe(`${name} made by an earlier version`, () => {
    const backend = useBackend(open);

    it("migrate_keepsEveryRowAndClosesRegistrationsWhoseBatchIsIndexed", async () => {
      const earlier = await mkdtemp(path.join(tmpdir(), "tracemed-migrations-"));
      await cp(migrationsDir(), earlier, { recursive: true });
      // The earlier version stopped before the enums migration: it and every later one are new to it.
      const later = (await readdir(earlier)).filter((m) => m >= ENUMS && /^[0-9]+_/.test(m)).sort();
      for (const m of later) await rm(path.join(earlier, m), { recursive: true });
      await migrate(backend().url, earlier);
      await rm(earlier, { recursive: true, force: true });
      const client = new pg.Client(backend().url);
      await client.connect();
      await client.query(EARLIER_ROWS);
      assert.deepEqual((await migrate(backend().url)).applied, later);
      assert.equal(later[0], ENUMS);

      const db = createDb(backend().url);
      assert.deepEqual(
        (await db.batch.findMany({ orderBy: { id: "asc" } })).map((b) => b.status),
        ["recalled", "active"],
      );
      const hops = await db.shipment.findMany({ orderBy: { id: "asc" } });
      assert.deepEqual(
        hops.map((s) => [s.id, s.status]),
        [
          ["0xs1", "in_transit"],
          ["0xs2", "voided"],
        ],
        "a hop of a batch the earlier version lacked is kept",
      );
      const [event] = await db.custodyEvent.findMany();
      assert.deepEqual([event?.eventName, event?.bizStep], ["BatchShipped", "shipping"]);
      assert.equal((await db.consumerScan.findFirst())?.verdict, "locked");
      assert.equal((await db.claimRequest.findFirst())?.status, "pending");
      const jobs = await db.batchRegistration.findMany({ orderBy: { id: "asc" } });
      assert.deepEqual(
        jobs.map((j) => [j.status, j.txHash]),
        [
          ["registered", "0xtx1"],
          ["failed", null],
          ["ready_to_sign", null],
        ],
        "a signed registration whose batch is indexed is closed as its page would have closed it",
      );
      assert.match(jobs[1]!.error ?? "", /^Lot L2 was registered on the ledger by another account \(0xother\)/);

      // From now on the database refuses what the enums and foreign keys rule out.
      await assert.rejects(client.query(`UPDATE "Batch" SET status = 'lost' WHERE id = '0xb1'`), /enum/);
      await assert.rejects(
        client.query(`INSERT INTO "Holding" ("batchId", account) VALUES ('0xnone', '0xmaker')`),
        /foreign key/,
      );
      // A hop shipped before members existed names no member, and can still be refused.
      await db.shipment.update({ where: { id: "0xs1" }, data: { status: "refused", closedBy: "0xclerk" } });
      assert.deepEqual(
        (await db.shipment.findMany({ orderBy: { id: "asc" } })).map((s) => [s.status, s.shippedBy, s.closedBy]),
        [
          ["refused", null, "0xclerk"],
          ["voided", null, null],
        ],
      );
      await db.batch.delete({ where: { id: "0xb1" } });
      assert.equal(await db.shipment.count({ where: { batchId: "0xb1" } }), 0, "a batch's hops go with it");
      await db.$disconnect();
      await client.end();
    });
  });
}
