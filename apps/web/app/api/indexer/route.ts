import { db } from "@/lib/db";
import { handler, json } from "@/lib/http";

export const dynamic = "force-dynamic";

/** How far the database has caught up with the chain (pages wait for this after a write). */
export const GET = handler(async () => {
  const cursors = await db().indexerCursor.findMany();
  const indexedBlock = cursors.reduce((max, c) => (c.lastBlock > max ? c.lastBlock : max), -1n);
  return json(
    { indexedBlock: indexedBlock < 0n ? null : Number(indexedBlock) },
    { headers: { "cache-control": "no-store" } },
  );
});
