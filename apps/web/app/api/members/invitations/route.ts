import { qrSvg } from "@tracemed/codes";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { handler, json, readInput } from "@/lib/http";
import { invitationRequest } from "@/lib/inputs/passkey";
import { createInvitation, invitationStatus, joinPath } from "@/lib/passkey/invitation";
import { ANY_ORGANISATION, requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * POST /api/members/invitations {permissions, label}: an administrator's one-time invitation to enrol a passkey.
 * The answer carries the link (PUBLIC_ORIGIN/join/{token}) and its QR code once; only the token's hash is kept.
 */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION, "ADMIN");
  const { permissions, label } = await readInput(request, invitationRequest, 2_048);
  const { id, token, expiresAt } = await createInvitation(db(), {
    organisation: org.account,
    permissions,
    label,
    createdBy: org.member.account,
  });
  const link = `${env.PUBLIC_ORIGIN.origin}${joinPath(token)}`;
  const qr = await qrSvg(link);
  return json({ id, link, qr, expiresAt }, { status: 201, headers: { "cache-control": "no-store" } });
});

/** GET /api/members/invitations: the organisation's invitations (never their tokens), newest first. */
export const GET = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION, "ADMIN");
  const rows = await db().invitation.findMany({
    where: { organisation: org.account },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return json({
    invitations: rows.map((r) => ({
      id: r.id,
      label: r.label,
      permissions: r.permissions,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      status: invitationStatus(r),
      member: r.member,
    })),
  });
});
