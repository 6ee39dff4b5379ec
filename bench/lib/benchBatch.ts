/**
 * The benchmarks' database: one batch of real packs (codes, commitments, PINs from @tracemed/codes), as the
 * registration flow and the indexer leave them, in a database in its own process: BENCH_DB=postgres a
 * PostgreSQL 15 server (the production setup), otherwise the embedded PGlite server (as npm start runs it).
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createPinKey, generateBatch, withCheckDigit, type GeneratedBatch } from "@tracemed/codes";
import { createDb, migrate, type Db } from "@tracemed/db";
import { startTestPostgres } from "@tracemed/db/testing";
import { startEmbeddedDbProcess } from "./embeddedDb";

export const BENCH_LOT = "BENCH1";
export const BENCH_EXPIRY = "291231";
export const BENCH_MAKER = `0x${"11".repeat(20)}`;

export interface BenchBatch {
  database: { url: string; stop(): Promise<void> };
  /** the database server's process (its CPU is counted apart) */
  databasePid: number;
  usePostgres: boolean;
  gtin: string;
  /** the batch; its PINs are still in memory: wipe them (g.wipePins()) once the loads are built */
  g: GeneratedBatch;
  keysDir: string;
  /** packs claimed (and recorded on chain) a day before the run: leaf indices 0, claimedEvery, 2 * claimedEvery, … */
  claimedEvery: number;
  /** a client on the database (closed by the caller) */
  db: Db;
}

/** Creates the database in `dir`, and in it a batch of `packs` packs of the maker "Bench Pharma" (CN). */
export async function seedBenchBatch(dir: string, packs: number, claimedEvery = 10): Promise<BenchBatch> {
  const usePostgres = process.env.BENCH_DB === "postgres";
  const database = usePostgres ? await startTestPostgres() : await startEmbeddedDbProcess(path.join(dir, "db"));
  const databasePid =
    "pid" in database
      ? database.pid
      : Number((await readFile(path.join(database.dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  console.log(`database: ${usePostgres ? "PostgreSQL 15" : "embedded PGlite"}, in its own process`);
  await migrate(database.url);
  const db = createDb(database.url, { max: 4 });
  const maker = BENCH_MAKER;
  const secret = randomBytes(32);
  const keysDir = path.join(dir, "keys");
  await mkdir(keysDir);
  await writeFile(path.join(keysDir, `${maker}.key`), secret.toString("hex"));
  const gtin = withCheckDigit("0690123456001");
  let t = performance.now();
  const g = await generateBatch(
    { gtin, lot: BENCH_LOT, expiry: BENCH_EXPIRY, count: packs },
    { pinKey: createPinKey(secret) },
  );
  console.log(`generated ${packs} packs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const CHUNK = 20_000;
  for (let from = 0; from < packs; from += CHUNK) {
    const to = Math.min(packs, from + CHUNK);
    const idx = Array.from({ length: to - from }, (_, k) => from + k);
    await db.$executeRawUnsafe(
      `INSERT INTO "Pack" ("batchId", "leafIndex", serial, commitment) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])`,
      g.batchId,
      idx,
      idx.map((i) => g.serial(i)),
      idx.map((i) => g.commitment(i)),
    );
  }
  // The packs verified before: claimed (and recorded on chain) a day ago, with their first scan.
  await db.$executeRawUnsafe(
    `INSERT INTO "ClaimRequest" ("batchId", "leafIndex", commitment, region, "requestedAt", status, "updatedAt")
     SELECT "batchId", "leafIndex", commitment, 'CN', now() - interval '1 day', 'confirmed', now()
       FROM "Pack" WHERE "leafIndex" % ${claimedEvery} = 0`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "ConsumerScan" ("batchId", serial, verdict, region, "createdAt")
     SELECT "batchId", serial, 'genuine', 'CN', now() - interval '1 day' FROM "Pack" WHERE "leafIndex" % ${claimedEvery} = 0`,
  );
  await db.$executeRawUnsafe(`ANALYZE`);
  console.log(
    `inserted ${packs} packs (${Math.ceil(packs / claimedEvery)} verified before) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  await db.organisation.create({
    data: {
      account: maker,
      name: "Bench Pharma",
      roles: 2,
      gln: "6901234000023",
      country: "CN",
      onboardedAt: new Date(),
      updatedAt: new Date(),
    },
  });
  await db.product.create({
    data: {
      gtin,
      name: "Amoxicillin",
      strength: "500 mg",
      dosageForm: "capsule",
      packSize: "24",
      manufacturerAccount: maker,
    },
  });
  await db.packSet.create({
    data: {
      batchId: g.batchId,
      gtin,
      lot: BENCH_LOT,
      expiry: BENCH_EXPIRY,
      packCount: packs,
      serialLength: g.serialLength,
      keyFingerprint: g.keyFingerprint,
      manufacturerAccount: maker,
    },
  });
  await db.batch.create({
    data: {
      id: g.batchId,
      gtin,
      lot: BENCH_LOT,
      expiresAt: new Date("2029-12-31T23:59:59Z"),
      packCount: packs,
      packsRoot: g.root,
      manufacturerAccount: maker,
      status: "active",
      registeredAt: new Date(),
      registeredBlock: 1n,
      registeredTx: "0x00",
    },
  });
  return { database, databasePid, usePostgres, gtin, g, keysDir, claimedEvery, db };
}
