import { db } from "@/lib/db";
import { handler, json, readInput } from "@/lib/http";
import { systemClientRequest } from "@/lib/inputs/machine";
import { createSystemClient } from "@/lib/machine/auth";
import { fundOnEmbeddedChain } from "@/lib/machine/gas";
import { ANY_ORGANISATION, requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * POST /api/integrations/clients {label, permissions}: an administrator's new system client. The answer carries
 * the client secret once (only its hash is kept) and the member address the administrator then adds on the ledger.
 */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION, "ADMIN");
  const { label, permissions } = await readInput(request, systemClientRequest, 2_048);
  const made = await createSystemClient(db(), {
    organisation: org.account as `0x${string}`,
    label,
    permissions,
    createdBy: org.member.account as `0x${string}`,
  });
  await fundOnEmbeddedChain(made.account);
  return json(
    { ...made, label, permissions, account: made.account.toLowerCase() },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
});

/** GET /api/integrations/clients: the organisation's system clients (never a secret or key), newest first. */
export const GET = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION, "ADMIN");
  const rows = await db().systemClient.findMany({
    where: { organisation: org.account },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      label: true,
      permissions: true,
      member: true,
      createdAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
  return json({ clients: rows });
});
