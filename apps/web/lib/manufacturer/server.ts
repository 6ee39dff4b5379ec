import "server-only";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import {
  claimIfStale,
  claimStaleRegistrations,
  runRegistration,
  type RegistrationDeps,
} from "@tracemed/registration/registration";

const g = globalThis as unknown as {
  tracemedRegistrations?: { workerId: string; running: Map<string, Promise<void>> };
};
g.tracemedRegistrations ??= { workerId: `web-${process.pid}-${randomUUID().slice(0, 8)}`, running: new Map() };
const state = g.tracemedRegistrations;

/** The registration dependencies of this web process. */
export function registrationDeps(): RegistrationDeps {
  const pinKeysDir = env.PIN_KEYS_DIR;
  return {
    db: db(),
    pinKeysDir,
    // Run-time data folders, not part of the build's traced output.
    printDir: path.resolve(
      /*turbopackIgnore: true*/ env.PRINT_FILES_DIR ?? path.join(path.dirname(pinKeysDir), "print-files"),
    ),
    workerId: state.workerId,
    // One thread: generateBatch's worker files are not part of the Next bundle, and the web process
    // should leave the other core to its requests (1,000,000 packs take ~8 s this way).
    workers: 0,
  };
}

/** Runs a job this process owns in the background (once), for the page to poll. */
export function runInBackground(id: string): void {
  if (state.running.has(id)) return;
  const run = runRegistration(registrationDeps(), id)
    .catch((error: unknown) => console.error("[registration]", id, (error as Error)?.message ?? error))
    .finally(() => state.running.delete(id));
  state.running.set(id, run);
}

/** Resumes a generating job whose process died (after a restart), if `job` is one. */
export async function resumeIfStale(job: Parameters<typeof claimIfStale>[1]): Promise<void> {
  if (job.status !== "generating" || state.running.has(job.id)) return;
  if (await claimIfStale(registrationDeps(), job)) runInBackground(job.id);
}

/** Resumes every dead generating job of a manufacturer (the dashboard calls this). */
export async function resumeStaleOf(account: string): Promise<void> {
  const ids = await claimStaleRegistrations(registrationDeps(), account);
  for (const id of ids) runInBackground(id);
}
