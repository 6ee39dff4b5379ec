import { displayText } from "@tracemed/codes/browser";
import { passkeysPossible } from "@tracemed/config/publicOrigin";
import { DomainError } from "@tracemed/errors";
import { Page } from "@/components/Page";
import { JoinWithPasskey } from "@/components/passkey/JoinWithPasskey";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fmt } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { openInvitation } from "@/lib/passkey/invitation";
import { permitNames } from "@/lib/session/permits";

export const dynamic = "force-dynamic";

/**
 * The page of an invitation link, opened on the new member's phone: who invites, as whom, with which permissions,
 * and the button that creates the passkey. A used, expired or unknown link gets one sentence that says no more.
 */
export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { m } = await getI18n();
  const t = m.passkey.join;
  const invitation = await openInvitation(db(), token).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === "InvitationInvalid") return null;
    throw e;
  });
  if (!invitation)
    return (
      <Page title={t.invalidTitle} className="max-w-xl">
        <Alert tone="warn" role="alert" data-testid="join-invalid">
          <AlertDescription>{t.invalid}</AlertDescription>
        </Alert>
      </Page>
    );
  const org = await db().organisation.findUnique({ where: { account: invitation.organisation } });
  const name = displayText(org?.name ?? invitation.organisation);
  return (
    <Page title={fmt(t.title, { name })} className="max-w-xl">
      <Card data-testid="join-invitation">
        <CardContent>
          <p className="m-0">{fmt(t.lede, { name, label: displayText(invitation.label) })}</p>
          <ul className="m-0 list-disc pl-5" data-testid="join-permissions">
            {permitNames(invitation.permissions).map((p) => (
              <li key={p}>{m.org.permits[p]}</li>
            ))}
          </ul>
          {passkeysPossible(env.PUBLIC_ORIGIN.origin) ? (
            <JoinWithPasskey token={token} />
          ) : (
            <Alert tone="warn" role="note">
              <AlertTitle>{m.passkey.refused.PasskeyUnavailable}</AlertTitle>
            </Alert>
          )}
        </CardContent>
      </Card>
    </Page>
  );
}
