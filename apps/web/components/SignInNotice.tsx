import type { RoleName } from "@tracemed/chain";
import { LockKeyhole } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { StaffSession } from "@/lib/session/server";

/**
 * Why a staff page shows nothing to this reader: signed out, a removed member, an account the network does not know,
 * a suspended organisation, or one without `role` (`fallback` when a page is open to every role).
 */
export function staffNoticeText(
  m: Messages,
  session: StaffSession | null,
  role: RoleName | null,
  fallback = "",
): string {
  const org = session?.organisation;
  if (session?.removed) return m.org.refused.MemberRemoved;
  if (session && !org) return m.common.staffRefused.OrganisationUnknown;
  if (org?.suspended) return fmt(m.common.staffRefused.OrganisationSuspended, { name: org.name });
  if (!role) return fallback;
  const roleWord = m.common.roles[role];
  return org
    ? fmt(m.common.needRole, { name: org.name, role: roleWord })
    : fmt(m.common.needSignIn, { role: roleWord });
}

/** What a staff page shows to someone who is not signed in as an active organisation with `role`. */
export async function SignInNotice({ role, session }: { role: RoleName; session: StaffSession | null }) {
  const { m } = await getI18n();
  return (
    <main className="mx-auto w-full max-w-3xl px-4 pt-8 pb-16 sm:px-6">
      <Alert tone="warn" role="alert" data-testid="sign-in-needed">
        <LockKeyhole aria-hidden="true" />
        <AlertDescription>{staffNoticeText(m, session, role)}</AlertDescription>
      </Alert>
    </main>
  );
}
