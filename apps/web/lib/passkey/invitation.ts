/**
 * Invitations to enrol a passkey: an admin creates one (permissions, a label), the new member opens its link once
 * before it expires. Only the SHA-256 of the link's token is stored, so that neither the database nor its backups
 * can enrol anyone; a used, expired or unknown token gets one refusal that says no more than that.
 * Framework-free (tests call it).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";

/** How long an invitation link works. */
export const INVITATION_HOURS = 24;

/** The stored form of a token: its SHA-256, hex. */
export function invitationTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The path of an invitation's page, where `token` is the one-time secret. */
export const joinPath = (token: string) => `/join/${token}`;

export interface NewInvitation {
  organisation: string;
  permissions: number;
  label: string;
  /** the admin member creating it */
  createdBy: string;
}

/** A fresh invitation: its id, its one-time token (returned once, never stored) and when it expires. */
export async function createInvitation(
  db: Pick<Db, "invitation">,
  input: NewInvitation,
  now = new Date(),
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_HOURS * 3600_000);
  const { id } = await db.invitation.create({
    data: {
      id: randomUUID(),
      organisation: input.organisation.toLowerCase(),
      permissions: input.permissions,
      label: input.label,
      tokenHash: invitationTokenHash(token),
      createdBy: input.createdBy.toLowerCase(),
      createdAt: now,
      expiresAt,
    },
  });
  return { id, token, expiresAt };
}

/** The refusal of a token that cannot be used, whichever the reason (used, expired, unknown). */
export const invitationInvalid = () =>
  new DomainError(
    "InvitationInvalid",
    "This invitation link cannot be used: it was used, it expired, or it never existed.",
  );

/** The open invitation of `token`; InvitationInvalid when it was used, has expired or never existed. */
export async function openInvitation(db: Pick<Db, "invitation">, token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw invitationInvalid();
  const row = await db.invitation.findUnique({ where: { tokenHash: invitationTokenHash(token) } });
  if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) throw invitationInvalid();
  return row;
}

/** Marks the invitation used by `member`, in one statement: of two concurrent uses exactly one succeeds. */
export async function spendInvitation(db: Pick<Db, "invitation">, id: string, member: string, now = new Date()) {
  const { count } = await db.invitation.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, member: member.toLowerCase() },
  });
  if (count !== 1) throw invitationInvalid();
}

/** Where an invitation stands, as the members page shows it. */
export function invitationStatus(row: { usedAt: Date | null; expiresAt: Date }, now = new Date()) {
  if (row.usedAt) return "used" as const;
  return row.expiresAt.getTime() <= now.getTime() ? ("expired" as const) : ("open" as const);
}
