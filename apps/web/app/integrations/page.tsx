import { displayText } from "@tracemed/codes/browser";
import { Page } from "@/components/Page";
import { SignInNotice } from "@/components/SignInNotice";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { db } from "@/lib/db";
import { fmt } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { holds } from "@/lib/session/permits";
import { ANY_ORGANISATION, pageStaff } from "@/lib/session/server";
import { IntegrationsManager, type ClientRow, type DeliveryRow, type WebhookRow } from "./IntegrationsManager";

export const dynamic = "force-dynamic";

/** An organisation's machine clients, webhooks with their delivery log, and its last machine requests (admins). */
export default async function IntegrationsPage() {
  const { session, organisation } = await pageStaff(ANY_ORGANISATION);
  if (!organisation) return <SignInNotice role="REGULATOR" session={session} />;
  const { m } = await getI18n();
  const name = displayText(organisation.name);
  if (!holds(organisation.member.permissions, "ADMIN"))
    return (
      <Page title={m.machine.title}>
        <Alert role="note" data-testid="integrations-admin-only">
          <AlertDescription>{fmt(m.machine.adminOnly, { name })}</AlertDescription>
        </Alert>
      </Page>
    );
  const org = organisation.account;
  const [clients, webhooks, audit] = await Promise.all([clientRows(org), webhookRows(org), auditRows(org)]);
  return (
    <Page title={m.machine.title} lede={fmt(m.machine.lede, { name })}>
      <IntegrationsManager clients={clients} webhooks={webhooks} audit={audit} />
    </Page>
  );
}

async function clientRows(organisation: string): Promise<ClientRow[]> {
  const rows = await db().systemClient.findMany({ where: { organisation }, orderBy: { createdAt: "desc" }, take: 100 });
  const members = await db().member.findMany({
    where: { account: { in: rows.map((r) => r.member) }, organisation },
    select: { account: true },
  });
  const removed = await db().custodyEvent.findMany({
    where: { eventName: "MemberRemoved", OR: rows.map((r) => ({ args: { path: ["account"], equals: r.member } })) },
    select: { args: true },
  });
  const isMember = new Set(members.map((x) => x.account));
  const wasRemoved = new Set(removed.map((e) => String((e.args as { account?: string }).account).toLowerCase()));
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    member: r.member,
    permissions: r.permissions,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    state: r.revokedAt
      ? "revoked"
      : isMember.has(r.member)
        ? "active"
        : wasRemoved.has(r.member)
          ? "removed"
          : "waiting",
  }));
}

async function webhookRows(organisation: string): Promise<WebhookRow[]> {
  const rows = await db().webhookSubscription.findMany({
    where: { organisation, deletedAt: null },
    orderBy: { createdAt: "desc" },
    include: {
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 20,
        include: { attemptLog: { orderBy: { attempt: "desc" } } },
      },
    },
  });
  return rows.map((s) => ({
    id: s.id,
    url: s.url,
    topics: s.topics,
    createdAt: s.createdAt.toISOString(),
    log: s.deliveries.flatMap((d): DeliveryRow[] =>
      d.attemptLog.map((a) => ({
        id: a.id,
        delivery: d.id,
        topic: d.topic,
        at: a.at.toISOString(),
        attempt: a.attempt,
        httpStatus: a.httpStatus,
        nextAttemptAt: a.nextAttemptAt?.toISOString() ?? null,
        status: a.attempt === d.attempts ? d.status : "pending",
        ok: a.httpStatus !== null && a.httpStatus >= 200 && a.httpStatus < 300,
      })),
    ),
  }));
}

async function auditRows(organisation: string) {
  const rows = await db().machineAudit.findMany({ where: { organisation }, orderBy: { at: "desc" }, take: 50 });
  const labels = new Map(
    (await db().systemClient.findMany({ where: { organisation }, select: { id: true, label: true } })).map((c) => [
      c.id,
      c.label,
    ]),
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    client: (r.clientId && labels.get(r.clientId)) ?? r.clientId ?? "",
    request: `${r.method} ${r.path}`,
    status: r.status,
    ip: r.ip,
  }));
}
