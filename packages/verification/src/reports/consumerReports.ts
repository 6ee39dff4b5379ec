/**
 * Consumer reports of suspicious packs: what someone holding a pack says is wrong with it, stored for
 * the pack's manufacturer and the regulator to read. No account: a client is known only by the same
 * salted hash the scan records use, which is also what the rate limit counts.
 *
 * The text is stored as typed (trimmed, without the control, bidirectional and invisible characters
 * the ledger refuses in text: cleanTypedText of @tracemed/codes) and is only
 * ever shown as text: pages render it through React, which escapes it (see ReportsTable).
 * Framework-free (no `server-only`): the route and node tests share it.
 */
import { ROLE } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { readPackKey } from "@tracemed/provenance/packKey";
import { cleanTypedText } from "@tracemed/codes/browser";
import { MAX_REPORT_CONTACT, MAX_REPORT_TEXT, REPORT_CATEGORIES, type ReportCategory } from "./categories";

export { MAX_REPORT_CONTACT, MAX_REPORT_TEXT, REPORT_CATEGORIES, type ReportCategory };

export interface ReportInput {
  gtin: string;
  lot: string;
  serial: string;
  category: string;
  text: string;
  contact?: string | null;
  region: string | null;
  clientHash: string | null;
}

export interface ReportLimits {
  /** reports one client may send per hour (default 5) */
  perHour?: number;
  /** reports one client may send per day (default 20) */
  perDay?: number;
  now?: Date;
}

export interface StoredReport {
  id: string;
  batchId: string | null;
  gtin: string;
  lot: string;
  serial: string;
  category: ReportCategory;
  text: string;
  contact: string | null;
  region: string | null;
  status: string;
  createdAt: string;
  /** filled when the batch is known */
  productName: string | null;
  manufacturerName: string | null;
  /** how many reports name this same pack */
  reportsOfPack: number;
}

/**
 * Stores one consumer report. Refuses (429) a client that sent too many recently, and (400) a
 * report without a category from the list or without text.
 */
export async function storeReport(db: Db, input: ReportInput, limits: ReportLimits = {}): Promise<StoredReport> {
  const now = limits.now ?? new Date();
  const { gtin, batchId: candidate } = readPackKey(input);
  if (!(REPORT_CATEGORIES as readonly string[]).includes(input.category))
    throw new DomainError("InvalidCategory", `Choose what is wrong: one of ${REPORT_CATEGORIES.join(", ")}.`);
  const text = cleanTypedText(input.text);
  if (text.length === 0) throw new DomainError("TextRequired", "Say in a few words what is wrong with the pack.");
  if (text.length > MAX_REPORT_TEXT)
    throw new DomainError("TextTooLong", `The description can be at most ${MAX_REPORT_TEXT} characters.`);
  const contact = input.contact ? cleanTypedText(input.contact).replace(/\n/g, " ") : "";
  if (contact.length > MAX_REPORT_CONTACT)
    throw new DomainError("ContactTooLong", `The contact can be at most ${MAX_REPORT_CONTACT} characters.`);

  if (input.clientHash) {
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const dayAgo = new Date(now.getTime() - 86_400_000);
    const [hour, day] = await Promise.all([
      db.consumerReport.count({ where: { clientHash: input.clientHash, createdAt: { gt: hourAgo } } }),
      db.consumerReport.count({ where: { clientHash: input.clientHash, createdAt: { gt: dayAgo } } }),
    ]);
    const perHour = limits.perHour ?? 5;
    const perDay = limits.perDay ?? 20;
    if (hour >= perHour || day >= perDay) {
      const wait = hour >= perHour ? 3600 : 86_400;
      throw new DomainError(
        "TooManyReports",
        "Too many reports were sent from this device recently. Please try again later, or tell a pharmacist.",
        { retryAfterSeconds: wait },
      );
    }
  }

  const batch = await db.batch.findUnique({
    where: { id: candidate },
    select: { id: true, manufacturerAccount: true },
  });
  const row = await db.consumerReport.create({
    data: {
      batchId: batch?.id ?? null,
      gtin,
      lot: input.lot,
      serial: input.serial,
      manufacturerAccount: batch?.manufacturerAccount ?? null,
      category: input.category as ReportCategory,
      text,
      contact: contact || null,
      region: input.region,
      clientHash: input.clientHash,
      createdAt: now,
    },
  });
  const [stored] = await listReports(db, { ids: [row.id] });
  return stored!;
}

export interface ReportQuery {
  /** only reports this manufacturer may read (its own batches); omit for the regulator's view */
  manufacturerAccount?: string;
  batchId?: string;
  ids?: bigint[];
  limit?: number;
}

/** Reports, newest first, with product and manufacturer names. */
export async function listReports(db: Db, q: ReportQuery = {}): Promise<StoredReport[]> {
  const rows = await db.consumerReport.findMany({
    where: {
      ...(q.manufacturerAccount ? { manufacturerAccount: q.manufacturerAccount.toLowerCase() } : {}),
      ...(q.batchId ? { batchId: q.batchId.toLowerCase() } : {}),
      ...(q.ids ? { id: { in: q.ids } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(q.limit ?? 200, 1000),
  });
  if (rows.length === 0) return [];
  const gtins = [...new Set(rows.map((r) => r.gtin))];
  const makers = [...new Set(rows.map((r) => r.manufacturerAccount).filter((a): a is string => !!a))];
  const [products, orgs, counts] = await Promise.all([
    db.product.findMany({ where: { gtin: { in: gtins } }, select: { gtin: true, name: true, strength: true } }),
    db.organisation.findMany({ where: { account: { in: makers } }, select: { account: true, name: true } }),
    db.consumerReport.groupBy({
      by: ["gtin", "lot", "serial"],
      where: { OR: rows.map((r) => ({ gtin: r.gtin, lot: r.lot, serial: r.serial })) },
      _count: { _all: true },
    }),
  ]);
  const product = new Map(products.map((p) => [p.gtin, `${p.name} ${p.strength}`]));
  const org = new Map(orgs.map((o) => [o.account, o.name]));
  const count = new Map(counts.map((c) => [`${c.gtin}|${c.lot}|${c.serial}`, c._count._all]));
  return rows.map((r) => ({
    id: r.id.toString(),
    batchId: r.batchId,
    gtin: r.gtin,
    lot: r.lot,
    serial: r.serial,
    category: r.category as ReportCategory,
    text: r.text,
    contact: r.contact,
    region: r.region,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    productName: product.get(r.gtin) ?? null,
    manufacturerName: r.manufacturerAccount ? (org.get(r.manufacturerAccount) ?? null) : null,
    reportsOfPack: count.get(`${r.gtin}|${r.lot}|${r.serial}`) ?? 1,
  }));
}

/** Whether `account` (with role bits `roles`) may read reports, and which: all (regulator) or its own batches'. */
export function reportScope(account: string, roles: number): ReportQuery | null {
  if ((roles & ROLE.REGULATOR) !== 0) return {};
  if ((roles & ROLE.MANUFACTURER) !== 0) return { manufacturerAccount: account };
  return null;
}
