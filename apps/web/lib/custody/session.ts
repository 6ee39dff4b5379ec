import "server-only";
import { ROLE, type RoleName } from "@tracemed/chain";
import { getSession, type StaffOrganisation, type StaffSession } from "../session/server";

/** For staff pages open to any of `roles`: the session and, when it holds one of them, the organisation. */
export async function pageCustody(
  roles: RoleName[],
): Promise<{ session: StaffSession | null; organisation: StaffOrganisation | null }> {
  const session = await getSession();
  const org = session?.organisation ?? null;
  const mask = roles.reduce((a, r) => a | ROLE[r], 0);
  return { session, organisation: org && (org.roles & mask) !== 0 && !org.suspended ? org : null };
}
