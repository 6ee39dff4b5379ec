/**
 * The logistic label of a case, pallet or shipment (an SSCC) as `logisticLabelPdf` takes it, built
 * from what the database knows: the parties' names (with their Chinese names, from their profiles) and GLNs,
 * the sender's registered company prefixes (to group the SSCC's text), and the contents by batch.
 */
import {
  ssccCompanyPrefixLength,
  type LogisticContent,
  type LogisticLabelInput,
  type LogisticParty,
} from "@tracemed/codes";
import { ssccToRef } from "@tracemed/codes/browser";
import type { Db } from "@tracemed/db";
import { shipmentsByRef } from "@tracemed/provenance/custody";

/** YYMMDD (AI 17) of an expiry instant, as the label prints it (the ledger keeps the day's end). */
export function expiryYymmdd(expiresAt: string | Date): string {
  return new Date(expiresAt).toISOString().slice(2, 10).replaceAll("-", "");
}

/**
 * The label input for an SSCC sent (or to be sent) by `from` to `to` (null: not shipped yet) with
 * these contents: for the shipment label, and for a packed unit whose contents come from the unit.
 * Returns null when `from` is not a known organisation.
 */
export async function logisticLabelInput(
  db: Db,
  unit: { sscc: string; from: string; to: string | null; contents: LogisticContent[] },
  options: { origin?: string } = {},
): Promise<LogisticLabelInput | null> {
  const accounts = [unit.from, unit.to].filter((a): a is string => a !== null).map((a) => a.toLowerCase());
  const [orgs, profiles] = await Promise.all([
    db.organisation.findMany({
      where: { account: { in: accounts } },
      select: { account: true, name: true, gln: true, companyPrefixes: true },
    }),
    db.organisationProfile.findMany({ where: { account: { in: accounts } }, select: { account: true, nameZh: true } }),
  ]);
  const find = (a: string) => orgs.find((o) => o.account === a.toLowerCase());
  const party = (o: { account: string; name: string; gln: string }): LogisticParty => {
    const nameZh = profiles.find((p) => p.account === o.account)?.nameZh;
    return { name: o.name, ...(nameZh ? { nameZh } : {}), gln: o.gln };
  };
  const sender = find(unit.from);
  if (!sender) return null;
  const recipient = unit.to === null ? undefined : find(unit.to);
  return {
    sscc: unit.sscc,
    companyPrefixLength: ssccCompanyPrefixLength(unit.sscc, sender.companyPrefixes),
    shipFrom: party(sender),
    shipTo: recipient ? party(recipient) : null,
    contents: unit.contents,
    ...(options.origin ? { origin: options.origin } : {}),
  };
}

/**
 * The label of the shipment(s) whose ref is this SSCC, for one of their parties (`caller`, the
 * organisation's account): sender, recipient, and what was shipped by batch. Null when the SSCC
 * names no shipment the caller sent or received (the route's 404: others learn nothing).
 */
export async function logisticLabelFor(
  db: Db,
  caller: string,
  sscc: string,
  options: { origin?: string } = {},
): Promise<LogisticLabelInput | null> {
  const me = caller.toLowerCase();
  const shipments = (await shipmentsByRef(db, ssccToRef(sscc))).filter((s) => s.from === me || s.to === me);
  const first = shipments[0];
  if (!first) return null;
  // One label, one sender and one recipient: the shipments of this ref between the same two parties.
  const same = shipments.filter((s) => s.from === first.from && s.to === first.to);
  const byBatch = new Map<string, LogisticContent>();
  for (const s of same) {
    const b = s.batch;
    if (!b) continue;
    const content = byBatch.get(s.batchId);
    if (content) content.count += s.quantity;
    else
      byBatch.set(s.batchId, {
        gtin: b.gtin,
        lot: b.lot,
        expiry: b.expiry ?? expiryYymmdd(b.expiresAt),
        count: s.quantity,
      });
  }
  if (byBatch.size === 0) return null;
  return logisticLabelInput(db, { sscc, from: first.from, to: first.to, contents: [...byBatch.values()] }, options);
}
