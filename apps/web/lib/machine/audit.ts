import { randomUUID } from "node:crypto";
import type { Db } from "@tracemed/db";
import { clientAddress } from "@tracemed/verification/clientInfo";
import { frontClientAddress } from "@/lib/frontGate";

export interface AuditEntry {
  clientId: string | null;
  organisation: string | null;
  status: number;
}

/** The client's address as the front saw it (the app alone: what the request's header says). */
export const requestAddress = (request: Request) => frontClientAddress(request) ?? clientAddress(request.headers);

/**
 * Records one machine request (client, method, path, status, time, address); returns the row's id. An audit
 * that cannot be written is logged, never the reason a request fails.
 */
export async function auditRequest(db: Db, request: Request, entry: AuditEntry): Promise<string> {
  const id = randomUUID();
  const url = new URL(request.url);
  await db.machineAudit
    .create({
      data: {
        id,
        ...entry,
        method: request.method,
        path: url.pathname.slice(0, 500),
        ip: requestAddress(request).slice(0, 100),
      },
    })
    .catch((error: Error) => console.error("[machine] audit not written:", error.message));
  return id;
}
