import "server-only";
/**
 * The capture writer in the web process: each job written by its system member's key, one member's jobs after
 * each other (`inTurn` of @tracemed/chain) and, across processes, by the one holding the member's writer lease
 * (lib/epcis/writer.ts). Jobs still running that no process writes (it stopped, or its lease ran out) are taken up
 * when the server starts and every CAPTURE_SWEEP_MS after (instrumentation.ts), and on the first EPCIS request.
 */
import { inTurn, unitsFor } from "@tracemed/chain";
import { isDomainError } from "@tracemed/errors";
import {
  createRegistration,
  discardRegistration,
  registrationView,
  runRegistration,
} from "@tracemed/registration/registration";
import { dispenseProof } from "@tracemed/verification/packTrees";
import { createWalletClient, http, type Address } from "viem";
import { treeCache } from "@/lib/custody/server";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { errorSentence } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { chain, ledger, publicClient } from "@/lib/ledger";
import { systemAccountFor, type EpcisCaller } from "@/lib/machine/auth";
import { registrationDeps } from "@/lib/manufacturer/server";
import type { Registrar } from "./resolve";
import { runCaptureJob, type WriterDeps } from "./writer";

const options: { units?: Address | null; maxCallsPerTx?: number } = {};

/**
 * For tests and the benchmark: the cases-and-pallets contract to write to (the recorded deployment otherwise), and
 * the calls per multicall.
 */
export function configureCaptureWriter(o: { units?: Address | null; maxCallsPerTx?: number }): void {
  Object.assign(options, o);
}

/**
 * Commissioning through EPCIS: the registration job with the packaging line's serials (PINs and commitments made
 * here, as for the register page), then `registerBatch` signed by the system member.
 */
function registrar(organisation: string, locale: Locale): Registrar {
  return async (plan) => {
    const deps = registrationDeps();
    try {
      const job = await createRegistration(
        deps,
        organisation,
        {
          gtin: plan.gtin,
          lot: plan.lot,
          expiryDate: plan.expiry,
          expiry: plan.expiry.slice(2).replaceAll("-", ""),
          packCount: plan.serials.length,
          serials: plan.serials,
        },
        env.PUBLIC_ORIGIN.origin,
      );
      await runRegistration(deps, job.id);
      const view = await registrationView(deps, job.id, organisation);
      const undo = () => discardRegistration(deps, job.id, organisation).catch(() => undefined);
      if (!view.registerArgs) {
        await undo();
        return { refused: view.error ?? "The codes of this lot could not be generated." };
      }
      const [gtin, lot, expiresAt, packCount, root] = view.registerArgs;
      return { args: [BigInt(gtin), lot, expiresAt, packCount, root], undo };
    } catch (error) {
      // The registration's English sentence names the line or GTIN at fault; other readers get theirs.
      if (isDomainError(error))
        return { refused: locale === "en" ? error.message : errorSentence(messagesFor(locale), error.code) };
      throw error;
    }
  };
}

async function writerDeps(caller: EpcisCaller): Promise<WriterDeps> {
  const account = await systemAccountFor(caller);
  const deployment = await ledger();
  if (!deployment) throw new Error("no ledger deployment");
  const units = options.units !== undefined ? options.units : ((await unitsFor(publicClient))?.address ?? null);
  return {
    db: db(),
    publicClient,
    wallet: createWalletClient({ account, chain, transport: http(env.CHAIN_RPC_URL, { timeout: 30_000 }) }),
    ledger: deployment.address,
    units,
    proofs: (batchId, indices) => dispenseProof(treeCache(), batchId, indices),
    register: registrar(caller.organisation.toLowerCase(), caller.locale),
    ...(options.maxCallsPerTx === undefined ? {} : { maxCallsPerTx: options.maxCallsPerTx }),
  };
}

const running = new Set<string>();

/**
 * Starts writing a job in the background, after the member's earlier jobs; the job's status says how it went. When
 * another process holds the member's writer, the job stays running there or is taken up by a later sweep.
 */
export function startCaptureJob(caller: EpcisCaller, jobId: string): Promise<void> {
  if (running.has(jobId)) return Promise.resolve();
  running.add(jobId);
  return inTurn(caller.member.toLowerCase(), async () => {
    try {
      await runCaptureJob(await writerDeps(caller), jobId);
    } catch (error) {
      await db()
        .epcisCaptureJob.update({
          where: { id: jobId },
          data: {
            running: false,
            success: false,
            finishedAt: new Date(),
            errors: [{ code: "ServiceUnavailable", message: (error as Error).message ?? "the writer stopped" }],
          },
        })
        .catch(() => undefined);
    }
  }).finally(() => running.delete(jobId));
}

/**
 * Starts every running job this process does not run yet: those a stopped process left, and those another process
 * could not write while it held their member's writer. Not without SYSTEM_KEY_SECRET (the jobs' keys are sealed
 * under it: a process without it leaves them to one that has it).
 */
export async function takeUpRunningJobs(): Promise<void> {
  if (!env.SYSTEM_KEY_SECRET) return;
  const jobs = await db().epcisCaptureJob.findMany({ where: { running: true }, orderBy: { createdAt: "asc" } });
  for (const job of jobs) {
    const caller: EpcisCaller = {
      kind: "machine",
      organisation: job.organisation as Address,
      roles: 0,
      member: job.member as Address,
      permissions: 0,
      clientId: job.clientId,
      locale: job.locale === "zh-CN" ? "zh-CN" : "en",
    };
    void startCaptureJob(caller, job.id);
  }
}

/** How often each web process looks for running jobs nobody writes (a process that stopped, a lease that ran out). */
export const CAPTURE_SWEEP_MS = 15_000;
let sweeping: ReturnType<typeof setInterval> | undefined;

/** Takes up running jobs now and every CAPTURE_SWEEP_MS, from the server's start (instrumentation.ts). */
export function sweepCaptureJobs(): void {
  if (sweeping) return;
  const sweep = () => void takeUpRunningJobs().catch(() => undefined);
  sweep();
  sweeping = setInterval(sweep, CAPTURE_SWEEP_MS);
  sweeping.unref();
}

let resumed: Promise<void> | undefined;

/** Takes up, once per process (again after a failure), the jobs a stopped process left running. */
export function resumeCaptureJobs(): Promise<void> {
  resumed ??= takeUpRunningJobs().catch(() => {
    resumed = undefined;
  });
  return resumed;
}
