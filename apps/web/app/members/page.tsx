import { displayText } from "@tracemed/codes/browser";
import { SignInNotice } from "@/components/SignInNotice";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import { ANY_ORGANISATION, pageStaff } from "@/lib/session/server";
import { holds } from "@/lib/session/permits";
import { organisationNameZh } from "@tracemed/provenance/organisationProfile";
import { ChineseName } from "./ChineseName";
import { MembersManager } from "./MembersManager";
import "@/components/office/office.css";

export const dynamic = "force-dynamic";

/** The organisation's members and their permissions; its administrators add, change and remove them. */
export default async function MembersPage() {
  const { session, organisation } = await pageStaff(ANY_ORGANISATION);
  if (!organisation) return <SignInNotice role="REGULATOR" session={session} />;
  const { m } = await getI18n();
  const t = m.org.members;
  const rows = await db().member.findMany({
    where: { organisation: organisation.account },
    orderBy: [{ addedBlock: "asc" }, { account: "asc" }],
  });
  const name = displayText(organisation.name);
  const admin = holds(organisation.member.permissions, "ADMIN");
  return (
    <main className="office" data-testid="members-page" data-organisation={organisation.account}>
      <h1>{fmt(t.title, { name })}</h1>
      <p className="lede">{fmt(t.lede, { name })}</p>
      {admin ? null : (
        <p className="notice" role="note" data-testid="members-read-only">
          {fmt(t.readOnly, { name })}
        </p>
      )}
      <ChineseName
        name={organisation.name}
        nameZh={await organisationNameZh(db(), organisation.account)}
        admin={admin}
      />
      <MembersManager
        members={rows.map((r) => ({
          account: r.account,
          permissions: r.permissions,
          updatedAt: r.updatedAt.toISOString(),
        }))}
        me={organisation.member.account}
        organisationName={organisation.name}
        admin={admin}
      />
    </main>
  );
}
