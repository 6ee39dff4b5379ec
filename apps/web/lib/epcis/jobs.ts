/**
 * Capture jobs (EPCIS 2.0 REST binding, `/capture` and `/capture/{captureID}`): a validated document stored as a
 * job and its events (idempotent by CBV event hash within the organisation), and the job's status as the standard
 * names it. Framework-free (tests call it).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { eventRows, type CaptureDocument } from "@tracemed/epcis/capture";

export interface CaptureOwner {
  organisation: string;
  clientId: string;
  member: string;
  locale: string;
}

/** Stores a job and its events (none of them written yet); an event already captured by the organisation is skipped. */
export async function createCaptureJob(db: Db, owner: CaptureOwner, doc: CaptureDocument): Promise<string> {
  const id = randomUUID();
  const organisation = owner.organisation.toLowerCase();
  await db.epcisCaptureJob.create({
    data: {
      id,
      organisation,
      clientId: owner.clientId,
      member: owner.member.toLowerCase(),
      locale: owner.locale,
      captureErrorBehaviour: "proceed",
      total: doc.events.length + doc.repeated,
    },
  });
  const rows = eventRows(id, organisation, doc.events);
  for (let i = 0; i < rows.length; i += 1000) {
    await db.epcisEvent.createMany({ data: rows.slice(i, i + 1000), skipDuplicates: true });
  }
  return id;
}

type Job = NonNullable<Awaited<ReturnType<Db["epcisCaptureJob"]["findFirst"]>>>;

/** What every view of a job starts with: the standard's capture job properties. */
const jobHead = (job: Job) => ({
  captureID: job.id,
  running: job.running,
  success: job.success,
  captureErrorBehaviour: job.captureErrorBehaviour,
  createdAt: job.createdAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
});

/** The job as `GET /capture/{captureID}` answers it (the standard's names where it has them). */
export async function captureJobView(db: Db, organisation: string, id: string) {
  const job = /^[0-9a-f-]{36}$/.test(id)
    ? await db.epcisCaptureJob.findFirst({ where: { id, organisation: organisation.toLowerCase() } })
    : null;
  if (!job)
    throw new DomainError("EpcisCaptureNotFound", "There is no capture job with this id for your organisation.");
  const counts = await db.epcisEvent.groupBy({ by: ["status"], where: { jobId: id }, _count: { _all: true } });
  const count = (s: string) => counts.find((c) => c.status === s)?._count._all ?? 0;
  const stored = counts.reduce((n, c) => n + c._count._all, 0);
  const refused = await db.epcisEvent.findMany({
    where: { jobId: id, status: "refused" },
    orderBy: { index: "asc" },
    take: 1000,
    select: { eventId: true, eventHash: true, index: true, errorCode: true, errorMessage: true },
  });
  return {
    ...jobHead(job),
    errors: job.errors,
    events: {
      total: job.total,
      pending: count("pending"),
      recorded: count("recorded"),
      written: count("written"),
      refused: count("refused"),
      duplicate: job.total - stored,
    },
    eventErrors: refused.map((e) => ({
      eventID: e.eventId ?? e.eventHash,
      index: e.index,
      code: e.errorCode,
      message: e.errorMessage,
    })),
  };
}

/** The organisation's latest capture jobs (at most 50), newest first, without their events' errors. */
export async function listCaptureJobs(db: Db, organisation: string) {
  const jobs = await db.epcisCaptureJob.findMany({
    where: { organisation: organisation.toLowerCase() },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  return jobs.map((job) => ({ ...jobHead(job), total: job.total }));
}
