import type { RoleName } from "@tracemed/chain";
import { getI18n } from "../lib/i18n/server";
import { fmt } from "../lib/i18n/locales";
import type { StaffSession } from "../lib/session/server";

/** What a staff page shows to someone who is not signed in as an organisation with `role`. */
export async function SignInNotice({ role, session }: { role: RoleName; session: StaffSession | null }) {
  const { m } = await getI18n();
  const roleWord = m.common.roles[role];
  const org = session?.organisation;
  return (
    <main>
      <p className="notice" role="alert" data-testid="sign-in-needed">
        {org
          ? fmt(m.common.needRole, { name: org.name, role: roleWord })
          : fmt(m.common.needSignIn, { role: roleWord })}
      </p>
    </main>
  );
}
