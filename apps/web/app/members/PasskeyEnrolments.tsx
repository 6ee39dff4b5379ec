"use client";
/**
 * Passkeys on the members page: an administrator invites someone (permissions and a label; the page shows the
 * one-time link, its QR code and when it expires), and approves or declines the passkeys created with an
 * invitation. Approve is the ledger's `addMember(member, permissions)`, signed by the administrator (wallet or
 * passkey); Decline deletes the waiting passkey.
 */
import { PERMIT } from "@tracemed/chain";
import { displayText } from "@tracemed/codes/browser";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { DataTable } from "@/components/table/DataTable";
import { TxStatus } from "@/components/TxStatus";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { datesFor } from "@/lib/dates";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { declineRequest, invitationRequest } from "@/lib/inputs/passkey";
import { postJson } from "@/lib/postJson";
import { permitNames } from "@/lib/session/permits";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { PermitBoxes } from "./MembersManager";

export interface WaitingPasskey {
  member: string;
  label: string;
  permissions: number;
  code: string;
  createdAt: string;
}

export interface InvitationRow {
  id: string;
  label: string;
  permissions: number;
  expiresAt: string;
  status: "open" | "used" | "expired";
}

export function PasskeyEnrolments({
  waiting,
  invitations,
}: {
  waiting: WaitingPasskey[];
  invitations: InvitationRow[];
}) {
  const i18n = useI18n();
  const { locale, m } = i18n;
  const dates = datesFor(i18n);
  const t = m.passkey;
  const formId = useId();
  const router = useRouter();
  const { state, write, reset } = useLedgerWrite();
  const busy = state.phase === "signing" || state.phase === "pending" || state.phase === "indexing";
  const [bits, setBits] = useState<number>(PERMIT.SHIP);
  const [problem, setProblem] = useState<string | null>(null);
  const [news, setNews] = useState<string | null>(null);
  const [created, setCreated] = useState<{ link: string; qr: string; expiresAt: string } | null>(null);
  const permits = (bits: number) =>
    permitNames(bits)
      .map((p) => m.org.permits[p])
      .join(locale === "zh-CN" ? "、" : ", ");

  async function invite(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setProblem(null);
    setCreated(null);
    const label = String(new FormData(e.currentTarget).get("label") ?? "").trim();
    if (!label || label.length > 80) return setProblem(t.invite.labelMissing);
    if (bits === 0) return setProblem(m.org.members.noPermits);
    try {
      setCreated(await postJson("/api/members/invitations", { permissions: bits, label }, invitationRequest));
      router.refresh();
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  async function decline(row: WaitingPasskey) {
    reset();
    setProblem(null);
    try {
      await postJson("/api/members/enrolments/decline", { member: row.member }, declineRequest);
      setNews(fmt(t.waiting.declined, { label: displayText(row.label) }));
      router.refresh();
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  async function approve(row: WaitingPasskey) {
    setProblem(null);
    setNews(null);
    await write("addMember", [row.member as `0x${string}`, row.permissions]);
  }

  return (
    <div className="mt-8 flex flex-col gap-6">
      <DataTable
        label={t.waiting.title}
        heading={{ id: `${formId}-waiting`, text: t.waiting.title, note: t.waiting.lede }}
        testid="passkeys-waiting"
        rows={waiting}
        rowKey={(x) => x.member}
        rowData={(x) => ({ "data-member": x.member, "data-code": x.code })}
        empty={t.waiting.none}
        columns={[
          { head: t.waiting.who, cell: (x) => displayText(x.label) },
          { head: t.waiting.code, cell: (x) => <code className="text-base font-semibold">{x.code}</code> },
          { head: t.waiting.permissions, cell: (x) => permits(x.permissions) },
          { head: t.waiting.created, cell: (x) => dates.at(x.createdAt) },
          {
            head: m.org.members.actions,
            cell: (x) => (
              <div className="flex flex-wrap gap-2">
                <Button onClick={() => void approve(x)} disabled={busy} data-testid={`passkey-approve-${x.member}`}>
                  {t.waiting.approve}
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => void decline(x)}
                  disabled={busy}
                  data-testid={`passkey-decline-${x.member}`}
                >
                  {t.waiting.decline}
                </Button>
              </div>
            ),
          },
        ]}
      />
      <TxStatus state={state} />
      {news ? (
        <Alert tone="ok" role="status">
          <AlertDescription>{news}</AlertDescription>
        </Alert>
      ) : null}
      {problem ? (
        <Alert tone="bad" role="alert" data-testid="passkey-problem">
          <AlertDescription>{problem}</AlertDescription>
        </Alert>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle id={`${formId}-title`}>{t.invite.title}</CardTitle>
          <CardDescription>{t.invite.lede}</CardDescription>
        </CardHeader>
        <CardContent>
          <form
            onSubmit={(e) => void invite(e)}
            aria-labelledby={`${formId}-title`}
            className="flex flex-col gap-3"
            data-testid="invite-form"
            noValidate
          >
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${formId}-label`}>{t.invite.label}</Label>
              <Input
                id={`${formId}-label`}
                name="label"
                maxLength={80}
                autoComplete="off"
                aria-describedby={`${formId}-label-hint`}
                data-testid="invite-label"
              />
              <span id={`${formId}-label-hint`} className="text-sm text-muted">
                {t.invite.labelHint}
              </span>
            </div>
            <PermitBoxes value={bits} onChange={setBits} idPrefix="invite-permit" />
            <div>
              <Button type="submit" data-testid="invite-create">
                {t.invite.create}
              </Button>
            </div>
          </form>
          {created ? (
            <div className="flex flex-col gap-3 sm:flex-row sm:items-start" data-testid="invite-created">
              <div
                role="img"
                aria-label={t.invite.qr}
                className="w-48 shrink-0 rounded-control border border-line bg-white p-1 [&_svg]:h-auto [&_svg]:w-full"
                // The SVG is made by packages/codes' QR encoder on the server from our own link: no user markup.
                dangerouslySetInnerHTML={{ __html: created.qr }}
              />
              <div className="flex min-w-0 flex-col gap-2">
                <p className="m-0">{fmt(t.invite.link, { time: dates.at(created.expiresAt) })}</p>
                <code className="break-all" data-testid="invite-link">
                  {created.link}
                </code>
                <div>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => void navigator.clipboard?.writeText(created.link)}
                  >
                    {t.invite.copy}
                  </Button>
                </div>
              </div>
            </div>
          ) : null}
        </CardContent>
      </Card>
      <DataTable
        label={t.invite.open}
        heading={{ id: `${formId}-invitations`, text: t.invite.open }}
        testid="invitations"
        rows={invitations}
        rowKey={(x) => x.id}
        empty={t.invite.none}
        columns={[
          { head: t.waiting.who, cell: (x) => displayText(x.label) },
          { head: t.waiting.permissions, cell: (x) => permits(x.permissions) },
          { head: t.invite.expires, cell: (x) => dates.at(x.expiresAt) },
          {
            head: t.invite.statusHead,
            cell: (x) => <Badge tone={x.status === "open" ? "brand" : "neutral"}>{t.invite.status[x.status]}</Badge>,
          },
        ]}
      />
    </div>
  );
}
