/**
 * What the consumer's pack page renders for a scanned code: the pack's public facts (PackInfo: product,
 * batch, expiry, status) and its journey as the public may read it (readPolicy's PublicPackView).
 */
import type { Db, Pool } from "@tracemed/db";
import { packProvenance } from "@tracemed/provenance/provenance";
import { readPackKey } from "@tracemed/provenance/packKey";
import { packView, type PublicPackView } from "@tracemed/provenance/readPolicy";
import type { StatusGuard } from "./chainStatus";
import type { PackInfo } from "./packInfo";
import type { VerifyReplica } from "./replica";

export interface PackPage {
  info: PackInfo;
  /** null when the pack is unknown (or its journey could not be read: the page still shows its facts) */
  journey: PublicPackView | null;
}

/** `printed`: what the scanned code carried beyond the key (the AI 17 expiry, YYMMDD), when it did. */
export type PackPageSource = (
  key: { gtin: string; lot: string; serial: string },
  printed: { expiry: string | null },
) => Promise<PackPage>;

/**
 * The pack page's data. Throws the key's DomainError (InvalidGtin, InvalidLot, InvalidSerial) for a
 * malformed code.
 */
export function packPageSource(deps: {
  replica: VerifyReplica;
  pool: Pool;
  db: Db;
  guard?: StatusGuard;
}): PackPageSource {
  return async (raw, printed) => {
    const key = readPackKey(raw);
    const info = await deps.replica.info(key, new Date(), printed);
    if (!info.known) return { info, journey: null };
    const journey = await packProvenance(deps.db, key.batchId, key.serial).then(
      (p) => packView(p, "public"),
      () => null,
    );
    return { info, journey };
  };
}
