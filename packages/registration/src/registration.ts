/**
 * Registering a batch, as a job that survives a page reload and a server restart:
 *
 *   generating -> ready_to_sign -> submitted -> registered        (or failed, with a sentence)
 *
 * The server generates the codes (serials, PINs, commitments, Merkle root), stores the pack records
 * (never a PIN), writes the print files encrypted, wipes the PINs from memory and only then offers
 * the root for signing: a batch is never on chain without its labels. Nothing is on chain while a
 * job is generating, so a job whose process died is simply generated again from the start by the
 * next process that looks at it (fresh random PINs; the half-written records and files are removed).
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { batchIdOf } from "@tracemed/chain";
import { checkSerialList, generateBatch, writeLabelsPdf, writePackCsv } from "@tracemed/codes";
import type { SerialListProblemKind } from "@tracemed/codes";
import type { PrintablePack } from "@tracemed/codes";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { assertGtinUnderPrefixes } from "./products";
import {
  batchPrintDir,
  deletePrintFiles,
  encryptedFileWriter,
  listPrintFiles,
  PRINT_FILE_META,
  type PrintFileKind,
} from "./printFiles";
import { manufacturerSecret, pinKeyOf } from "@tracemed/verification/keyStore";

export type RegistrationStatus = "generating" | "ready_to_sign" | "submitted" | "registered" | "failed";
export type RegistrationStage = "codes" | "records" | "csv" | "sheets" | "rolls";

export interface RegistrationDeps {
  db: Db;
  /** PIN_KEYS_DIR: the manufacturers' secrets */
  pinKeysDir: string;
  /** where the encrypted print files go */
  printDir: string;
  /** this process (a job records who generates it) */
  workerId: string;
  /** a generating job whose heartbeat is older than this is taken over (default 30 s) */
  staleMs?: number;
  /** worker threads for generateBatch (default: its own choice by size) */
  workers?: number;
}

/** Where each stage ends, in percent of the whole job (the label PDFs take most of the time). */
const STAGE_SPAN: Record<RegistrationStage, [number, number]> = {
  codes: [0, 4],
  records: [4, 16],
  csv: [16, 19],
  sheets: [19, 58],
  rolls: [58, 100],
};

export const LABEL_LAYOUTS: Record<"sheets" | "rolls", "a4-3x8" | "roll-50x30"> = {
  sheets: "a4-3x8",
  rolls: "roll-50x30",
};

/** Another process took the job over (this one was too slow to renew its heartbeat): stop quietly. */
class Superseded extends Error {}

/** A request as the web app's `registrationRequest` (apps/web/lib/inputs) checked it. */
export interface RegistrationRequest {
  gtin: string;
  lot: string;
  /** YYYY-MM-DD, the last day the packs may be used */
  expiryDate: string;
  /** the same date as printed, YYMMDD */
  expiry: string;
  packCount: number;
  /**
   * The manufacturer's own serial numbers (from its packaging line or contract manufacturer), one a
   * pack in order, instead of generated ones: AI 21 values (1-20 characters of GS1 character set
   * 82), unique, as many as packs. PINs and commitments are still made here.
   */
  serials?: readonly string[];
}

const SERIAL_REFUSALS = {
  count: "SerialCount",
  empty: "SerialInvalid",
  "too-long": "SerialInvalid",
  character: "SerialInvalid",
  duplicate: "SerialDuplicate",
} as const satisfies Record<SerialListProblemKind, string>;

/** Refuses a serial list that does not fit the batch, naming the line (and up to two more problems). */
function assertSerialList(serials: readonly string[], packCount: number): void {
  const problems = checkSerialList(serials, packCount, 3);
  const first = problems[0];
  if (!first) return;
  const more =
    problems.length > 1
      ? ` Also: ${problems
          .slice(1)
          .map((p) => p.message)
          .join(" ")}`
      : "";
  throw new DomainError(SERIAL_REFUSALS[first.kind], `${first.message}${more}`, { field: "serials" });
}

/**
 * Creates a registration job (status generating) after every check that can refuse it: the product
 * is the manufacturer's and under its company prefixes, and the GTIN + lot is neither on the ledger nor being registered already.
 * A failed job of the same lot is replaced. Start the work with `runRegistration`.
 */
export async function createRegistration(
  deps: RegistrationDeps,
  account: string,
  req: RegistrationRequest,
  linkBase: string,
) {
  const { db } = deps;
  const me = account.toLowerCase();
  if (req.serials) assertSerialList(req.serials, req.packCount);
  const product = await db.product.findUnique({ where: { gtin: req.gtin } });
  if (!product || product.manufacturerAccount !== me)
    throw new DomainError(
      product ? "GtinOwnedByAnother" : "ProductNotFound",
      product
        ? `The GTIN ${req.gtin} belongs to another manufacturer.`
        : `The GTIN ${req.gtin} is not one of your products; add it under Products first.`,
    );
  // A product added before its prefix moved, say: refused here, before codes are generated, not at signing.
  await assertGtinUnderPrefixes(db, me, req.gtin);
  const batchId = batchIdOf(BigInt(req.gtin), req.lot);
  const duplicate = () =>
    new DomainError(
      "BatchExists",
      `Lot ${req.lot} of ${product.name} (GTIN ${req.gtin}) is already registered; a lot is registered once. Use a new lot number.`,
    );
  if (await db.batch.findUnique({ where: { id: batchId } })) throw duplicate();
  const existing = await db.batchRegistration.findUnique({ where: { batchId } });
  if (existing && existing.status !== "failed") {
    if (existing.manufacturerAccount === me && existing.status !== "registered")
      throw new DomainError(
        "RegistrationUnderWay",
        `Lot ${req.lot} of ${product.name} is already being registered; continue that registration.`,
      );
    throw duplicate();
  }
  if (!existing && (await db.packSet.findUnique({ where: { batchId } }))) throw duplicate();
  if (existing) await discardOutputs(deps, existing);
  const data = {
    manufacturerAccount: me,
    batchId,
    gtin: req.gtin,
    lot: req.lot,
    expiry: req.expiry,
    packCount: req.packCount,
    status: "generating" as const,
    stage: "codes" as const,
    progress: 0,
    linkBase,
    workerId: deps.workerId,
    heartbeatAt: new Date(),
    error: null,
    packsRoot: null,
    expiresAt: null,
    txHash: null,
    printFilesDeletedAt: null,
  };
  if (existing) await db.batchRegistration.delete({ where: { id: existing.id } });
  await db.registrationSerials.deleteMany({ where: { batchId } });
  if (req.serials) await db.registrationSerials.create({ data: { batchId, serials: [...req.serials] } });
  return db.batchRegistration.create({ data: { id: randomUUID(), ...data } });
}

type Job = NonNullable<Awaited<ReturnType<Db["batchRegistration"]["findUnique"]>>>;

/** Removes what an unfinished attempt left: pack records, the pack set, print files. Never for a batch on chain. */
async function discardOutputs(deps: RegistrationDeps, job: Job): Promise<void> {
  if (await deps.db.batch.findUnique({ where: { id: job.batchId } })) return;
  await deps.db.pack.deleteMany({ where: { batchId: job.batchId } });
  await deps.db.packSet.deleteMany({ where: { batchId: job.batchId } });
  await deletePrintFiles(batchPrintDir(deps.printDir, job.manufacturerAccount, job.batchId));
}

/** Reports progress (and renews the heartbeat) at most once a second, and notices a takeover. */
class Progress {
  private last = 0;
  private inFlight: Promise<void> | null = null;
  private lost = false;

  constructor(
    private readonly deps: RegistrationDeps,
    private readonly id: string,
  ) {}

  private async save(stage: RegistrationStage, fraction: number): Promise<void> {
    const [from, to] = STAGE_SPAN[stage];
    const r = await this.deps.db.batchRegistration.updateMany({
      where: { id: this.id, workerId: this.deps.workerId, status: "generating" },
      data: { stage, progress: Math.floor(from + (to - from) * Math.min(1, fraction)), heartbeatAt: new Date() },
    });
    if (r.count === 0) this.lost = true;
  }

  /** From inside a tight loop: schedules a save, never waits. */
  tick(stage: RegistrationStage, fraction: number): void {
    if (this.lost) throw new Superseded();
    const now = Date.now();
    if (this.inFlight || now - this.last < 1_000) return;
    this.last = now;
    this.inFlight = this.save(stage, fraction)
      .catch(() => undefined)
      .finally(() => (this.inFlight = null));
  }

  /** At a stage boundary: waits for the save. */
  async at(stage: RegistrationStage, fraction: number): Promise<void> {
    await this.inFlight;
    this.last = Date.now();
    await this.save(stage, fraction);
    if (this.lost) throw new Superseded();
  }
}

function* counted(packs: Iterable<PrintablePack>, total: number, onProgress: (fraction: number) => void) {
  let i = 0;
  for (const p of packs) {
    yield p;
    if (++i % 250 === 0) onProgress(i / total);
  }
}

/**
 * Generates everything for a job in status generating, then sets it ready_to_sign (or failed).
 * Safe to call again for a job whose earlier run died: it starts over from a clean slate.
 */
export async function runRegistration(deps: RegistrationDeps, id: string): Promise<void> {
  const { db } = deps;
  const job = await db.batchRegistration.findUnique({ where: { id } });
  if (!job || job.status !== "generating" || job.workerId !== deps.workerId) return;
  const progress = new Progress(deps, id);
  const dir = batchPrintDir(deps.printDir, job.manufacturerAccount, job.batchId);
  try {
    if (await db.batch.findUnique({ where: { id: job.batchId } }))
      throw new DomainError("BatchExists", `Lot ${job.lot} is already registered on the ledger.`);
    await discardOutputs(deps, job);
    await progress.at("codes", 0);
    const product = await db.product.findUnique({ where: { gtin: job.gtin } });
    const secret = await manufacturerSecret(deps.pinKeysDir, job.manufacturerAccount);
    const own = await db.registrationSerials.findUnique({ where: { batchId: job.batchId } });
    const g = await generateBatch(
      {
        gtin: job.gtin,
        lot: job.lot,
        expiry: job.expiry,
        count: job.packCount,
        ...(own ? { serials: own.serials } : {}),
      },
      { pinKey: pinKeyOf(secret), ...(deps.workers === undefined ? {} : { workers: deps.workers }) },
    );
    try {
      if (g.batchId !== job.batchId) throw new Error("the generated batch id does not match the registration");
      await progress.at("records", 0);
      await db.packSet.create({
        data: {
          batchId: g.batchId,
          gtin: job.gtin,
          lot: job.lot,
          expiry: job.expiry,
          packCount: job.packCount,
          serialLength: g.serialLength,
          keyFingerprint: g.keyFingerprint,
          manufacturerAccount: job.manufacturerAccount,
        },
      });
      const STEP = 5_000;
      for (let from = 0; from < job.packCount; from += STEP) {
        const to = Math.min(job.packCount, from + STEP);
        await db.pack.createMany({
          data: [...g.records(from, to)].map((r) => ({
            batchId: r.batchId,
            leafIndex: r.index,
            serial: r.serial,
            commitment: r.commitment,
          })),
        });
        progress.tick("records", to / job.packCount);
      }
      const title = `${product?.name ?? job.gtin} ${job.lot}`;
      const file = (kind: PrintFileKind) => encryptedFileWriter(path.join(dir, PRINT_FILE_META[kind].file), secret);
      await progress.at("csv", 0);
      await writePackCsv(
        counted(g.packs(), job.packCount, (f) => progress.tick("csv", f)),
        file("csv"),
        { base: job.linkBase },
      );
      for (const kind of ["sheets", "rolls"] as const) {
        await progress.at(kind, 0);
        await writeLabelsPdf(
          counted(g.packs(), job.packCount, (f) => progress.tick(kind, f)),
          file(kind),
          { layout: LABEL_LAYOUTS[kind], base: job.linkBase, title },
        );
      }
      const args = g.registerBatchArgs();
      // Another account may have put this lot on the ledger meanwhile: nothing would close this job then.
      if (await db.batch.findUnique({ where: { id: job.batchId } }))
        throw new DomainError("BatchExists", `Lot ${job.lot} is already registered on the ledger.`);
      const done = await db.batchRegistration.updateMany({
        where: { id, workerId: deps.workerId, status: "generating" },
        data: {
          status: "ready_to_sign",
          stage: null,
          progress: 100,
          packsRoot: args[4],
          expiresAt: BigInt(args[2]),
          heartbeatAt: new Date(),
        },
      });
      if (done.count === 0) throw new Superseded();
      // The pack records hold the imported serials now; the codes are never generated again.
      await db.registrationSerials.deleteMany({ where: { batchId: job.batchId } });
    } finally {
      g.wipePins();
    }
  } catch (error) {
    if (error instanceof Superseded) return;
    const message =
      error instanceof DomainError
        ? error.message
        : `Generating the codes failed: ${(error as Error)?.message ?? String(error)}. Nothing was registered; try again.`;
    const failed = await db.batchRegistration.updateMany({
      where: { id, workerId: deps.workerId, status: "generating" },
      data: { status: "failed", stage: null, error: message },
    });
    if (failed.count > 0) await discardOutputs(deps, job).catch(() => undefined);
  }
}

/**
 * Takes over a generating job whose process stopped renewing its heartbeat (a restart, a crash).
 * Returns true when this process now owns it (call runRegistration next).
 */
export async function claimIfStale(deps: RegistrationDeps, job: Job): Promise<boolean> {
  if (job.status !== "generating") return false;
  const staleBefore = new Date(Date.now() - (deps.staleMs ?? 30_000));
  if (job.heartbeatAt && job.heartbeatAt > staleBefore && job.workerId !== deps.workerId) return false;
  if (job.workerId === deps.workerId) return true;
  const r = await deps.db.batchRegistration.updateMany({
    where: { id: job.id, status: "generating", workerId: job.workerId, heartbeatAt: job.heartbeatAt },
    data: { workerId: deps.workerId, heartbeatAt: new Date(), progress: 0, stage: "codes" },
  });
  return r.count === 1;
}

/** Every generating job whose process died, taken over by this one (their ids). */
export async function claimStaleRegistrations(deps: RegistrationDeps, account?: string): Promise<string[]> {
  const jobs = await deps.db.batchRegistration.findMany({
    where: { status: "generating", ...(account ? { manufacturerAccount: account.toLowerCase() } : {}) },
  });
  const mine: string[] = [];
  for (const j of jobs) if (j.workerId !== deps.workerId && (await claimIfStale(deps, j))) mine.push(j.id);
  return mine;
}

async function ownJob(deps: RegistrationDeps, id: string, account: string): Promise<Job> {
  const job = /^[0-9a-f-]{36}$/.test(id) ? await deps.db.batchRegistration.findUnique({ where: { id } }) : null;
  if (!job) throw new DomainError("RegistrationNotFound", "There is no such registration.");
  if (job.manufacturerAccount !== account.toLowerCase())
    throw new DomainError("NotYourRegistration", "This registration belongs to another manufacturer.");
  return job;
}

/** What the page shows of a job (the indexer moves a signed job on once it projects the batch). */
export async function registrationView(deps: RegistrationDeps, id: string, account: string) {
  return toView(await ownJob(deps, id, account));
}

export function toView(job: Job) {
  return {
    id: job.id,
    batchId: job.batchId,
    gtin: job.gtin,
    lot: job.lot,
    expiry: job.expiry,
    packCount: job.packCount,
    status: job.status as RegistrationStatus,
    stage: job.stage as RegistrationStage | null,
    progress: job.progress,
    error: job.error,
    txHash: job.txHash,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    /** registerBatch(gtin, lot, expiresAt, packCount, packsRoot), gtin as a decimal string */
    registerArgs:
      job.packsRoot && job.expiresAt !== null
        ? ([job.gtin, job.lot, Number(job.expiresAt), job.packCount, job.packsRoot] as const)
        : null,
  };
}

export type RegistrationView = ReturnType<typeof toView>;

/**
 * The browser signed registerBatch: remember the transaction (the page shows it after a reload). The indexer
 * may close the registration at any moment, before this report or while it is in flight, so the write is
 * conditional: a registration already closed keeps its status and is returned as it stands.
 */
export async function markSubmitted(deps: RegistrationDeps, id: string, account: string, txHash: string) {
  await ownJob(deps, id, account);
  await deps.db.batchRegistration.updateMany({
    where: { id, status: { in: ["ready_to_sign", "submitted"] } },
    data: { status: "submitted", txHash: txHash.toLowerCase() },
  });
  const job = await ownJob(deps, id, account);
  if (job.status !== "submitted" && job.status !== "registered")
    throw new DomainError("NotReadyToSign", "This registration is not waiting for a signature.");
  return toView(job);
}

/** Starts a failed job again (the same GTIN, lot, expiry and count). */
export async function retryRegistration(deps: RegistrationDeps, id: string, account: string) {
  const job = await ownJob(deps, id, account);
  if (job.status !== "failed") throw new DomainError("NotFailed", "Only a failed registration can be tried again.");
  return toView(
    await deps.db.batchRegistration.update({
      where: { id },
      data: {
        status: "generating",
        stage: "codes",
        progress: 0,
        error: null,
        workerId: deps.workerId,
        heartbeatAt: new Date(),
      },
    }),
  );
}

/** Drops a registration that is not on chain (failed, or generated but never signed), with its codes and files. */
export async function discardRegistration(deps: RegistrationDeps, id: string, account: string): Promise<void> {
  const job = await ownJob(deps, id, account);
  if (job.status === "submitted" || job.status === "registered")
    throw new DomainError("AlreadySigned", "This registration was signed; it can no longer be discarded.");
  if (job.status === "generating" && !(await claimIfStale(deps, job)))
    throw new DomainError("StillGenerating", "The codes are still being generated; wait until that finishes.");
  await deps.db.batchRegistration.delete({ where: { id } });
  await deps.db.registrationSerials.deleteMany({ where: { batchId: job.batchId } });
  await discardOutputs(deps, job);
}

/** Open registrations of a manufacturer (not yet on chain), newest first. */
export async function pendingRegistrations(deps: RegistrationDeps, account: string) {
  const jobs = await deps.db.batchRegistration.findMany({
    where: { manufacturerAccount: account.toLowerCase(), status: { not: "registered" } },
    orderBy: { createdAt: "desc" },
  });
  return jobs.map(toView);
}

/** The manufacturer of a batch (on chain, or still registering), or null when unknown. */
export async function batchOwner(db: Db, batchId: string): Promise<string | null> {
  if (!/^0x[0-9a-f]{64}$/.test(batchId)) return null;
  const batch = await db.batch.findUnique({ where: { id: batchId } });
  if (batch) return batch.manufacturerAccount.toLowerCase();
  const set = await db.packSet.findUnique({ where: { batchId } });
  if (set) return set.manufacturerAccount.toLowerCase();
  const job = await db.batchRegistration.findUnique({ where: { batchId } });
  return job?.manufacturerAccount ?? null;
}

/** The print files a batch has, for its own manufacturer only (403 for anyone else, 404 when unknown). */
export async function batchPrintFiles(deps: RegistrationDeps, batchId: string, account: string) {
  const owner = await batchOwner(deps.db, batchId);
  if (!owner) throw new DomainError("BatchNotFound", "There is no such batch.");
  if (owner !== account.toLowerCase())
    throw new DomainError("NotYourBatch", "Only the batch's own manufacturer may use its print files.");
  const dir = batchPrintDir(deps.printDir, owner, batchId);
  return { dir, files: await listPrintFiles(dir) };
}
