import assert from "node:assert/strict";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { checkPin, withCheckDigit } from "@tracemed/codes";
import { accountOf, MAKER_PREFIXES, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { DomainError } from "@tracemed/errors";
import { batchPrintDir, decryptFile, PRINT_FILE_META } from "./printFiles";
import { createProduct } from "./products";
import {
  batchPrintFiles,
  claimStaleRegistrations,
  createRegistration,
  markSubmitted,
  registrationView,
  retryRegistration,
  runRegistration,
  type RegistrationDeps,
} from "./registration";
import { manufacturerSecret, pinKeyOf } from "@tracemed/verification/keyStore";

after(stopSharedPostgres);

const GTIN = withCheckDigit("0690123456077");
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
/** A registration request as the web app's schema passes it on: the expiry also as printed (YYMMDD). */
const request = (lot: string, days: number, packCount: number) => ({
  gtin: GTIN,
  lot,
  expiryDate: inDays(days),
  expiry: inDays(days).slice(2).replaceAll("-", ""),
  packCount,
});
const LINK = "http://127.0.0.1:3000";

async function plaintext(file: string, secret: Buffer): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of decryptFile(file, secret)) parts.push(p);
  return Buffer.concat(parts);
}

const refusedWith = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

describe("batch registration jobs (real chain, database, indexer)", () => {
  const w = useCodedWorld("embedded PGlite");
  const maker = accountOf("maker");
  let deps: RegistrationDeps;
  before(async () => {
    const printDir = path.join(path.dirname(w.keysDir), "print-files");
    deps = { db: w.db, pinKeysDir: w.keysDir, printDir, workerId: "web-A", workers: 0 };
    await createProduct(w.db, maker, {
      gtin: GTIN,
      name: "Cefalexin",
      strength: "250 mg",
      dosageForm: "capsule",
      packSize: "20 capsules",
    });
  });
  /** Asks for a registration of `packCount` packs of lot `lot`, expiring in `days` days. */
  const register = (lot: string, days: number, packCount: number, as: RegistrationDeps = deps) =>
    createRegistration(as, maker, request(lot, days, packCount), LINK);

  it("generates codes and encrypted labels, survives a restart ready to sign, then is registered once indexed", async () => {
    const job = await register("CFX-001", 400, 120);
    assert.equal(job.status, "generating");
    await runRegistration(deps, job.id);

    // A new process (another worker id) finds the job where the first left it.
    const restarted: RegistrationDeps = { ...deps, workerId: "web-B" };
    const ready = await registrationView(restarted, job.id, maker);
    assert.equal(ready.status, "ready_to_sign");
    assert.equal(ready.progress, 100);
    assert.ok(ready.registerArgs);
    assert.equal(await w.db.pack.count({ where: { batchId: job.batchId } }), 120);

    // What was printed is what the database can check: the CSV's PINs match the stored commitments.
    const secret = await manufacturerSecret(deps.pinKeysDir, maker);
    const dir = batchPrintDir(deps.printDir, maker, job.batchId);
    const csv = (await plaintext(path.join(dir, PRINT_FILE_META.csv.file), secret)).toString("utf8");
    const [comment, , ...rows] = csv.trim().split("\r\n");
    assert.match(comment!, /^# GS = ASCII 29/);
    assert.equal(rows.length, 120);
    const pinKey = pinKeyOf(secret);
    for (const row of [rows[0]!, rows[119]!]) {
      const [index, , , , serial, pin, link] = row.split(",");
      const record = await w.db.pack.findUniqueOrThrow({
        where: { batchId_leafIndex: { batchId: job.batchId, leafIndex: Number(index) } },
      });
      assert.equal(record.serial, serial);
      assert.ok(
        checkPin(
          pinKey,
          { batchId: job.batchId as `0x${string}`, serial: serial!, commitment: record.commitment as `0x${string}` },
          pin!,
        ),
      );
      assert.ok(link!.startsWith(`${LINK}/01/${GTIN}/10/CFX-001/21/`));
    }
    for (const kind of ["sheets", "rolls"] as const) {
      const pdf = await plaintext(path.join(dir, PRINT_FILE_META[kind].file), secret);
      assert.equal(pdf.subarray(0, 5).toString(), "%PDF-", `${kind} decrypts to a PDF`);
    }

    // The manufacturer signs registerBatch with the stored arguments.
    const [gtin, lot, expiresAt, count, root] = ready.registerArgs!;
    const hash = await w
      .contract(w.cast.maker)
      .write.registerBatch([BigInt(gtin), lot, expiresAt, count, root as `0x${string}`]);
    const submitted = await markSubmitted(restarted, job.id, maker, hash);
    assert.equal(submitted.status, "submitted");
    await w.wait(Promise.resolve(hash));
    await w.index();
    const registered = await registrationView(restarted, job.id, maker);
    assert.equal(registered.status, "registered");
    assert.equal(registered.txHash, hash.toLowerCase());

    // The same GTIN + lot is refused before any work.
    await assert.rejects(
      register("CFX-001", 400, 5),
      (e: unknown) => refusedWith("BatchExists")(e) && /already registered/.test((e as Error).message),
    );
    assert.equal(await w.db.batchRegistration.count({ where: { lot: "CFX-001" } }), 1);
  });

  it("the indexer closing a registration while the browser reports its transaction leaves it registered", async () => {
    const job = await register("CFX-RACE", 300, 8);
    await runRegistration(deps, job.id);
    const ready = await registrationView(deps, job.id, maker);
    const [gtin, lot, expiresAt, count, root] = ready.registerArgs!;
    const hash = await w
      .contract(w.cast.maker)
      .write.registerBatch([BigInt(gtin), lot, expiresAt, count, root as `0x${string}`]);
    await w.wait(Promise.resolve(hash));
    // The browser's report reads the registration, then the indexer commits the batch, then the report writes.
    const registrations = w.db.batchRegistration;
    const indexFirst =
      (write: "update" | "updateMany") =>
      async (...args: unknown[]) => {
        await w.index();
        return (registrations[write] as (...a: unknown[]) => Promise<unknown>)(...args);
      };
    const racing = new Proxy(w.db, {
      get: (db, key) =>
        key === "batchRegistration"
          ? { ...registrations, update: indexFirst("update"), updateMany: indexFirst("updateMany") }
          : Reflect.get(db, key),
    });
    const reported = await markSubmitted({ ...deps, db: racing }, job.id, maker, hash);
    assert.equal(reported.status, "registered");
    const shown = await registrationView(deps, job.id, maker);
    assert.equal(shown.status, "registered", "the page's next poll shows the lot registered, not waiting forever");
    assert.equal(shown.txHash, hash.toLowerCase());
  });

  it("a job whose process died while generating is taken over and finished by the next process", async () => {
    const job = await register("CFX-002", 300, 40);
    // What a crash half-way leaves: some pack records, a partial file, a heartbeat that stopped.
    await w.db.packSet.create({
      data: {
        batchId: job.batchId,
        gtin: GTIN,
        lot: "CFX-002",
        expiry: job.expiry,
        packCount: 40,
        serialLength: 12,
        keyFingerprint: "0x00",
        manufacturerAccount: maker,
      },
    });
    await w.db.pack.createMany({
      data: [0, 1, 2].map((i) => ({ batchId: job.batchId, leafIndex: i, serial: `DEAD${i}`, commitment: "0x00" })),
    });
    const dir = batchPrintDir(deps.printDir, maker, job.batchId);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${PRINT_FILE_META.sheets.file}.partial`), "half a PDF");
    const fresh: RegistrationDeps = { ...deps, workerId: "web-C", staleMs: 60_000 };
    assert.deepEqual(await claimStaleRegistrations(fresh, maker), [], "a live heartbeat is not taken over");
    await w.db.batchRegistration.update({
      where: { id: job.id },
      data: { heartbeatAt: new Date(Date.now() - 120_000), progress: 37, stage: "sheets" },
    });

    assert.deepEqual(await claimStaleRegistrations(fresh, maker), [job.id]);
    await runRegistration(deps, job.id); // the dead process's id no longer owns it: does nothing
    assert.equal((await registrationView(fresh, job.id, maker)).status, "generating");
    await runRegistration(fresh, job.id);
    const view = await registrationView(fresh, job.id, maker);
    assert.equal(view.status, "ready_to_sign");
    const packs = await w.db.pack.findMany({ where: { batchId: job.batchId } });
    assert.equal(packs.length, 40);
    assert.ok(
      packs.every((p) => !p.serial.startsWith("DEAD")),
      "the half-written records were replaced",
    );
    const files = (await batchPrintFiles(fresh, job.batchId, maker)).files;
    assert.deepEqual(Object.keys(files).sort(), ["csv", "rolls", "sheets"]);
  });

  it("print files are refused to another manufacturer and unreadable without the owner's key", async () => {
    const job = await register("CFX-003", 200, 3);
    await runRegistration(deps, job.id);
    const other = accountOf("distributor");
    await assert.rejects(batchPrintFiles(deps, job.batchId, other), refusedWith("NotYourBatch"));
    await assert.rejects(registrationView(deps, job.id, other), refusedWith("NotYourRegistration"));
    await assert.rejects(batchPrintFiles(deps, `0x${"ab".repeat(32)}`, maker), refusedWith("BatchNotFound"));
    const { dir } = await batchPrintFiles(deps, job.batchId, maker);
    const file = path.join(dir, PRINT_FILE_META.csv.file);
    const raw = await readFile(file);
    const secret = await manufacturerSecret(deps.pinKeysDir, maker);
    const clear = (await plaintext(file, secret)).toString("utf8");
    const pin = clear.split("\r\n")[2]!.split(",")[5]!;
    assert.match(pin, /^\d{4}( \d{4}){4}$/);
    assert.ok(
      !raw.includes(Buffer.from(pin)) && !raw.includes(Buffer.from("digital_link")),
      "nothing readable at rest",
    );
    const otherSecret = await manufacturerSecret(deps.pinKeysDir, other);
    await assert.rejects(plaintext(file, otherSecret), /cannot be decrypted/);
    await writeFile(`${file}.cut`, raw.subarray(0, raw.length - 1));
    await assert.rejects(plaintext(`${file}.cut`, secret), /truncated|cannot be decrypted/);
  });

  it("a failure is a sentence, leaves no records or files behind, and can be tried again", async () => {
    const broken = path.join(path.dirname(w.keysDir), "broken-keys");
    await mkdir(broken, { recursive: true });
    await writeFile(path.join(broken, `${maker}.key`), "not a key");
    const brokenDeps: RegistrationDeps = { ...deps, pinKeysDir: broken };
    const job = await register("CFX-004", 200, 10, brokenDeps);
    await assert.rejects(register("CFX-004", 200, 10), refusedWith("RegistrationUnderWay"));
    await runRegistration(brokenDeps, job.id);
    const failed = await registrationView(deps, job.id, maker);
    assert.equal(failed.status, "failed");
    assert.match(failed.error ?? "", /key file .* left untouched/);
    assert.equal(await w.db.pack.count({ where: { batchId: job.batchId } }), 0);
    assert.equal(await w.db.packSet.count({ where: { batchId: job.batchId } }), 0);
    assert.equal(
      await readFile(path.join(broken, `${maker}.key`), "utf8"),
      "not a key",
      "the key file is not replaced",
    );

    assert.equal((await retryRegistration(deps, job.id, maker)).status, "generating");
    await runRegistration(deps, job.id);
    assert.equal((await registrationView(deps, job.id, maker)).status, "ready_to_sign");
    assert.equal(await w.db.pack.count({ where: { batchId: job.batchId } }), 10);
  });

  it("the manufacturer's own serials: checked line by line, kept across a takeover, printed and committed here", async () => {
    const own = ["LINE-0001", "LINE-0002", "ab/3(x)", "Z9".repeat(10)];
    const withSerials = (serials: string[], lot = "CFX-OWN", count = serials.length) =>
      createRegistration(deps, maker, { ...request(lot, 300, count), serials }, LINK);
    await assert.rejects(
      withSerials(["A1", "B2", "A1"]),
      (e: unknown) =>
        refusedWith("SerialDuplicate")(e) &&
        /^Line 3 repeats the serial number A1 of line 1/.test(String((e as Error).message)),
    );
    await assert.rejects(
      withSerials(["A1", "B 2"]),
      (e: unknown) => refusedWith("SerialInvalid")(e) && /^Line 2: " " \(character 2\)/.test((e as Error).message),
    );
    await assert.rejects(withSerials(["A1", "B2"], "CFX-OWN", 3), refusedWith("SerialCount"));
    assert.equal(await w.db.batchRegistration.count({ where: { lot: "CFX-OWN" } }), 0, "nothing kept of a refusal");

    const job = await withSerials(own);
    // The process dies before it starts; the next one takes the job over and uses the same serials.
    await w.db.batchRegistration.update({ where: { id: job.id }, data: { heartbeatAt: new Date(0) } });
    const next: RegistrationDeps = { ...deps, workerId: "web-D" };
    assert.deepEqual(await claimStaleRegistrations(next, maker), [job.id]);
    await runRegistration(next, job.id);
    assert.equal((await registrationView(next, job.id, maker)).status, "ready_to_sign");
    const packs = await w.db.pack.findMany({ where: { batchId: job.batchId }, orderBy: { leafIndex: "asc" } });
    assert.deepEqual(
      packs.map((p) => p.serial),
      own,
    );
    assert.equal(await w.db.registrationSerials.count({ where: { batchId: job.batchId } }), 0);

    const secret = await manufacturerSecret(deps.pinKeysDir, maker);
    const dir = batchPrintDir(deps.printDir, maker, job.batchId);
    const csv = (await plaintext(path.join(dir, PRINT_FILE_META.csv.file), secret)).toString("utf8");
    const rows = csv
      .trim()
      .split("\r\n")
      .slice(2)
      .map((r) => r.split(","));
    assert.deepEqual(
      rows.map((r) => r[4]),
      own,
    );
    const pinKey = pinKeyOf(secret);
    for (const [i, row] of rows.entries())
      assert.ok(
        checkPin(
          pinKey,
          { batchId: job.batchId as `0x${string}`, serial: own[i]!, commitment: packs[i]!.commitment as `0x${string}` },
          row[5]!,
        ),
        "the PIN printed beside an imported serial is the one committed",
      );
  });

  it("a product whose prefix the council took away is refused before any code is generated", async () => {
    await w.asCouncil("setCompanyPrefixes", [w.cast.maker.address, ["6901235"]]);
    await w.index();
    try {
      await assert.rejects(
        createRegistration(deps, maker, request("CFX-PFX", 400, 10), LINK),
        (e: unknown) => refusedWith("GtinNotUnderPrefix")(e) && /\(6901235\)/.test((e as Error).message),
      );
      assert.equal(await w.db.batchRegistration.count({ where: { lot: "CFX-PFX" } }), 0);
    } finally {
      await w.asCouncil("setCompanyPrefixes", [w.cast.maker.address, [...MAKER_PREFIXES]]);
      await w.index();
    }
  });
});
