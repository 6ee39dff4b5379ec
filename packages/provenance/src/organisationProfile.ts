/**
 * An organisation's details that the ledger does not carry (off chain): its name in Chinese, set by its
 * administrators, shown to Chinese readers wherever the public sees the organisation (PublicParty.nameZh,
 * the pack page's manufacturer).
 */
import type { Db } from "@tracemed/db";

/** Sets (or, with null, removes) `organisation`'s Chinese name; `by` is the administrator. */
export async function setOrganisationNameZh(db: Db, organisation: string, by: string, nameZh: string | null) {
  const account = organisation.toLowerCase();
  if (nameZh === null) {
    await db.organisationProfile.deleteMany({ where: { account } });
    return { nameZh: null };
  }
  const data = { nameZh, updatedBy: by.toLowerCase() };
  await db.organisationProfile.upsert({ where: { account }, create: { account, ...data }, update: data });
  return { nameZh };
}

/** `organisation`'s Chinese name, or null. */
export async function organisationNameZh(db: Db, organisation: string): Promise<string | null> {
  const row = await db.organisationProfile.findUnique({ where: { account: organisation.toLowerCase() } });
  return row?.nameZh ?? null;
}
