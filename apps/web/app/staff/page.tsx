import { redirect } from "next/navigation";
import { Page } from "@/components/Page";
import { StaffSignInCard } from "@/components/shell/StaffSignInCard";
import { getI18n } from "@/lib/i18n/server";
import { dashboardFor } from "@/lib/session/dashboard";
import { getSession } from "@/lib/session/server";
import { PasskeySignIn } from "@/components/passkey/PasskeySignIn";

export const dynamic = "force-dynamic";

/** Where the consumer pages' "Staff" link leads: a member goes straight to its dashboard, anyone else signs in. */
export default async function StaffHome() {
  const { m } = await getI18n();
  const session = await getSession().catch(() => null);
  if (session?.organisation) redirect(dashboardFor(session.organisation.roles));
  return (
    <Page title={m.shell.signIn.title} lede={m.shell.signIn.lede} className="max-w-xl">
      <StaffSignInCard passkey={<PasskeySignIn />} />
    </Page>
  );
}
