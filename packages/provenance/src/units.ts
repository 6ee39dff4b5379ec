/**
 * Cases and pallets as the indexer keeps them (LogisticUnit rows, projections of the LogisticUnits contract):
 * a unit with its committed contents by batch, the packs inside it (its cases' included), the units an
 * organisation holds, and the case and pallet a pack is in. The read side of packing; the pack, ship and receive
 * pages and the EPCIS export build on it.
 */
import { ssccToRef, unitContentsProof, type Hex, type UnitEntry } from "@tracemed/codes/browser";
import type { Db } from "@tracemed/db";

export interface UnitContentsLine {
  batchId: string;
  gtin: string;
  lot: string;
  /** the batch's expiry (the last second packs may be dispensed) */
  expiry: Date;
  /** packs of this batch inside the unit, its children's included */
  quantity: number;
}

export interface UnitView {
  sscc: string;
  /** who packed it (organisation id, lower case) */
  organisation: string;
  organisationName: string | null;
  /** who may open it, or pack it into another unit, now */
  holder: string;
  status: "packed" | "opened";
  parentSscc: string | null;
  packs: number;
  contentsRoot: string;
  packedAt: Date;
  openedAt: Date | null;
  /** the units packed directly into it (one level: their own children are left empty) */
  children: UnitView[];
  /** its packs and its children's (all levels), by batch */
  contents: UnitContentsLine[];
}

export interface UnitPack {
  batchId: string;
  gtin: string;
  lot: string;
  /** null when this database has no pack row for it (a batch registered elsewhere) */
  serial: string | null;
  index: number;
}

type UnitRow = NonNullable<Awaited<ReturnType<Db["logisticUnit"]["findUnique"]>>>;

/** Every unit inside `sscc` at any depth (not `sscc` itself), read level by level. */
async function descendants(db: Db, sscc: string): Promise<UnitRow[]> {
  const out: UnitRow[] = [];
  let level = [sscc];
  // A unit cannot contain itself (a child must exist before its parent), so the levels end.
  while (level.length > 0) {
    const rows = await db.logisticUnit.findMany({ where: { parentSscc: { in: level } }, orderBy: { sscc: "asc" } });
    out.push(...rows);
    level = rows.map((r) => r.sscc);
  }
  return out;
}

/** The packs put directly into these units, with their batch's GTIN and lot. */
async function packsIn(db: Db, ssccs: string[]) {
  const packs = await db.logisticUnitPack.findMany({
    where: { sscc: { in: ssccs } },
    orderBy: [{ batchId: "asc" }, { packIndex: "asc" }],
  });
  const batches = await db.batch.findMany({
    where: { id: { in: [...new Set(packs.map((p) => p.batchId))] } },
    select: { id: true, gtin: true, lot: true, expiresAt: true },
  });
  return { packs, batches: new Map(batches.map((b) => [b.id, b])) };
}

function view(row: UnitRow, name: string | null, children: UnitView[], contents: UnitContentsLine[]): UnitView {
  return {
    sscc: row.sscc,
    organisation: row.organisation,
    organisationName: name,
    holder: row.holder,
    status: row.status,
    parentSscc: row.parentSscc,
    packs: row.packs,
    contentsRoot: row.contentsRoot,
    packedAt: row.packedAt,
    openedAt: row.openedAt,
    children,
    contents,
  };
}

/** A unit with its children (one level) and its contents by batch (all levels), or null when unknown. */
export async function unitView(db: Db, sscc: string): Promise<UnitView | null> {
  const row = await db.logisticUnit.findUnique({ where: { sscc } });
  if (!row) return null;
  const below = await descendants(db, sscc);
  const { packs, batches } = await packsIn(db, [sscc, ...below.map((u) => u.sscc)]);
  const byBatch = new Map<string, number>();
  for (const p of packs) byBatch.set(p.batchId, (byBatch.get(p.batchId) ?? 0) + 1);
  const contents = [...byBatch].map(([batchId, quantity]) => {
    const b = batches.get(batchId);
    return { batchId, gtin: b?.gtin ?? "", lot: b?.lot ?? "", expiry: b?.expiresAt ?? new Date(0), quantity };
  });
  const names = new Map(
    (
      await db.organisation.findMany({
        where: { account: { in: [...new Set([row, ...below].map((u) => u.organisation))] } },
        select: { account: true, name: true },
      })
    ).map((o) => [o.account, o.name]),
  );
  const children = below
    .filter((u) => u.parentSscc === sscc)
    .map((u) => view(u, names.get(u.organisation) ?? null, [], []));
  return view(row, names.get(row.organisation) ?? null, children, contents);
}

/** Every pack inside the unit, its children's included, with its serial where this database has it. */
export async function unitPacks(db: Db, sscc: string): Promise<UnitPack[]> {
  const below = await descendants(db, sscc);
  const { packs, batches } = await packsIn(db, [sscc, ...below.map((u) => u.sscc)]);
  const serials = await db.pack.findMany({
    where: { OR: packs.map((p) => ({ batchId: p.batchId, leafIndex: p.packIndex })) },
    select: { batchId: true, leafIndex: true, serial: true },
  });
  const serialOf = new Map(serials.map((s) => [`${s.batchId}|${s.leafIndex}`, s.serial]));
  return packs.map((p) => ({
    batchId: p.batchId,
    gtin: batches.get(p.batchId)?.gtin ?? "",
    lot: batches.get(p.batchId)?.lot ?? "",
    serial: serialOf.get(`${p.batchId}|${p.packIndex}`) ?? null,
    index: p.packIndex,
  }));
}

/** The units an organisation holds (lower-case id), newest first; `status: "packed"` for sealed ones only. */
export function unitsHeldBy(db: Db, organisation: string, options: { status?: "packed" } = {}) {
  return db.logisticUnit.findMany({
    where: { holder: organisation.toLowerCase(), ...(options.status ? { status: options.status } : {}) },
    orderBy: [{ packedAt: "desc" }, { sscc: "asc" }],
  });
}

/** The units a pack is in: the case it was put into first, then the pallet that case is on, and so on. */
export async function unitsOfPack(db: Db, batchId: string, index: number) {
  const direct = await db.logisticUnitPack.findMany({ where: { batchId, packIndex: index }, select: { sscc: true } });
  const chain: UnitRow[] = [];
  // A pack sits in at most one sealed unit; an opened one keeps its record, so list them all, each with its parents.
  for (const { sscc } of direct) {
    let next: string | null = sscc;
    while (next) {
      const row: UnitRow | null = await db.logisticUnit.findUnique({ where: { sscc: next } });
      if (!row || chain.some((u) => u.sscc === row.sscc)) break;
      chain.push(row);
      next = row.parentSscc;
    }
  }
  return chain;
}

/** What a unit holds directly, as its contents root commits to it: its packs and its child units. */
export async function unitEntries(db: Db, sscc: string): Promise<UnitEntry[]> {
  const [packs, children] = await Promise.all([
    db.logisticUnitPack.findMany({ where: { sscc }, select: { batchId: true, packIndex: true } }),
    db.logisticUnit.findMany({ where: { parentSscc: sscc }, select: { sscc: true, contentsRoot: true } }),
  ]);
  return [
    ...packs.map((p) => ({ batchId: p.batchId as Hex, index: p.packIndex })),
    ...children.map((c) => ({ sscc: c.sscc, contentsRoot: c.contentsRoot as Hex })),
  ];
}

/** One step of an inclusion proof: `entry` is inside `sscc`, whose committed root is `root`. */
export interface UnitProofStep {
  sscc: string;
  root: Hex;
  entry: UnitEntry;
  proof: Hex[];
}

/**
 * The proof that a pack is inside the sealed unit `sscc` (a pallet: through the case it is in), one step per level,
 * each checked by MerkleProof.verify (or `verifyUnitContents`) against the root the chain holds for that unit; null
 * when the pack is not inside it. Only sealed units: an opened pallet's cases are no longer its children here.
 */
export async function unitInclusionProof(
  db: Db,
  sscc: string,
  pack: { batchId: string; index: number },
): Promise<UnitProofStep[] | null> {
  const path = (await unitsOfPack(db, pack.batchId, pack.index)).filter((u) => u.status === "packed");
  const top = path.findIndex((u) => u.sscc === sscc);
  if (top < 0) return null;
  const steps: UnitProofStep[] = [];
  let entry: UnitEntry = { batchId: pack.batchId as Hex, index: pack.index };
  for (const unit of path.slice(0, top + 1)) {
    steps.push({
      sscc: unit.sscc,
      root: unit.contentsRoot as Hex,
      entry,
      proof: unitContentsProof(await unitEntries(db, unit.sscc), entry),
    });
    entry = { sscc: unit.sscc, contentsRoot: unit.contentsRoot as Hex };
  }
  return steps;
}

/**
 * The receipt that lets `organisation` open or take over the unit held by `holder` (LogisticUnits' `Receipt
 * { batchId, from, quantity }`): the newest received shipment of that SSCC (ref) from the holder to it. The
 * contract takes a receipt only from the unit's holder and only once; a spent receipt is always older than the
 * holder's own taking of the unit, so the newest one from the holder is the one to show. Null when none.
 */
export async function unitReceipt(db: Db, sscc: string, organisation: string, holder: string) {
  const row = await db.shipment.findFirst({
    where: {
      ref: ssccToRef(sscc),
      toAccount: organisation.toLowerCase(),
      fromAccount: holder.toLowerCase(),
      status: "received",
    },
    orderBy: [{ closedBlock: "desc" }, { id: "desc" }],
    select: { batchId: true, fromAccount: true, quantity: true },
  });
  return row && { batchId: row.batchId as Hex, from: row.fromAccount as Hex, quantity: BigInt(row.quantity) };
}
