import { displayText } from "@tracemed/codes/browser";
import { SignInNotice } from "@/components/SignInNotice";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import { ANY_ORGANISATION, pageStaff } from "@/lib/session/server";
import { holds } from "@/lib/session/permits";
import { organisationNameZh } from "@tracemed/provenance/organisationProfile";
import { Page } from "@/components/Page";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { enrolmentCode } from "@/lib/passkey/code";
import { invitationStatus } from "@/lib/passkey/invitation";
import { ChineseName } from "./ChineseName";
import { MembersManager } from "./MembersManager";
import { PasskeyEnrolments } from "./PasskeyEnrolments";

export const dynamic = "force-dynamic";

/** The organisation's members and their permissions; its administrators add, change and remove them. */
export default async function MembersPage() {
  const { session, organisation } = await pageStaff(ANY_ORGANISATION);
  if (!organisation) return <SignInNotice role="REGULATOR" session={session} />;
  const { m } = await getI18n();
  const t = m.org.members;
  const [rows, passkeys] = await Promise.all([
    db().member.findMany({
      where: { organisation: organisation.account },
      orderBy: [{ addedBlock: "asc" }, { account: "asc" }],
    }),
    db().passkey.findMany({ where: { organisation: organisation.account }, select: { member: true, label: true } }),
  ]);
  const passkeyLabel = new Map(passkeys.map((k) => [k.member, k.label]));
  const name = displayText(organisation.name);
  const admin = holds(organisation.member.permissions, "ADMIN");
  const enrolments = admin ? await passkeyEnrolments(organisation.account, rows) : null;
  return (
    <Page title={fmt(t.title, { name })} lede={fmt(t.lede, { name })}>
      <div data-testid="members-page" data-organisation={organisation.account}>
        {admin ? null : (
          <Alert role="note" data-testid="members-read-only" className="mb-4">
            <AlertDescription>{fmt(t.readOnly, { name })}</AlertDescription>
          </Alert>
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
            passkey: passkeyLabel.get(r.account) ?? null,
          }))}
          me={organisation.member.account}
          organisationName={organisation.name}
          admin={admin}
        />
        {enrolments ? <PasskeyEnrolments {...enrolments} /> : null}
      </div>
    </Page>
  );
}

/**
 * The organisation's passkeys waiting for approval (enrolled, not yet members on the ledger) and its invitations
 * of the last week (never their tokens).
 */
async function passkeyEnrolments(organisation: string, members: { account: string }[]) {
  const isMember = new Set(members.map((r) => r.account));
  const [keys, invitations] = await Promise.all([
    db().passkey.findMany({ where: { organisation }, orderBy: { createdAt: "asc" } }),
    db().invitation.findMany({
      where: { organisation, createdAt: { gt: new Date(Date.now() - 7 * 86_400_000) } },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
  ]);
  return {
    waiting: keys
      .filter((k) => !isMember.has(k.member))
      .map((k) => ({
        member: k.member,
        label: k.label,
        permissions: k.permissions,
        code: enrolmentCode(k.member),
        createdAt: k.createdAt.toISOString(),
      })),
    invitations: invitations.map((i) => ({
      id: i.id,
      label: i.label,
      permissions: i.permissions,
      expiresAt: i.expiresAt.toISOString(),
      status: invitationStatus(i),
    })),
  };
}
