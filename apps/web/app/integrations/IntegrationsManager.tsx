"use client";
/**
 * /integrations for an organisation's administrators: system clients (create: the secret once; add the member on
 * the ledger, remove it, revoke), webhooks (add: the signing secret once; delete; the delivery log), and the last
 * machine requests. Adding and removing the member are ledger writes the administrator signs, as on /members.
 */
import { PERMIT, type PermitName } from "@tracemed/chain";
import { displayText } from "@tracemed/codes/browser";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { DataTable } from "@/components/table/DataTable";
import { TxStatus } from "@/components/TxStatus";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/form/Field";
import { datesFor } from "@/lib/dates";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import {
  deleteWebhookRequest,
  revokeClientRequest,
  systemClientRequest,
  WEBHOOK_TOPICS,
  webhookRequest,
} from "@/lib/inputs/machine";
import { postJson } from "@/lib/postJson";
import { permitNames } from "@/lib/session/permits";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";

export interface ClientRow {
  id: string;
  label: string;
  member: string;
  permissions: number;
  createdAt: string;
  lastUsedAt: string | null;
  state: "waiting" | "active" | "removed" | "revoked";
}

export interface DeliveryRow {
  id: string;
  delivery: string;
  topic: (typeof WEBHOOK_TOPICS)[number];
  at: string;
  attempt: number;
  httpStatus: number | null;
  nextAttemptAt: string | null;
  status: "pending" | "delivered" | "failed";
  ok: boolean;
}

export interface WebhookRow {
  id: string;
  url: string;
  topics: (typeof WEBHOOK_TOPICS)[number][];
  createdAt: string;
  log: DeliveryRow[];
}

interface AuditRow {
  id: string;
  at: string;
  client: string;
  request: string;
  status: number;
  ip: string;
}

const CLIENT_PERMITS: PermitName[] = ["REGISTER", "SHIP", "DISPENSE", "WRITE_OFF"];
const STATE_TONE = { waiting: "warn", active: "ok", removed: "neutral", revoked: "neutral" } as const;

/** A secret shown once, with what it is and a copy button. */
function Secret({ label, value, testid }: { label: string; value: string; testid: string }) {
  const { m } = useI18n();
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-medium text-ink">{label}</span>
      <div className="flex flex-wrap items-center gap-2">
        <code className="break-all" data-testid={testid}>
          {value}
        </code>
        <Button variant="secondary" size="sm" onClick={() => void navigator.clipboard?.writeText(value)}>
          {m.passkey.invite.copy}
        </Button>
      </div>
    </div>
  );
}

/** Checkboxes over `keys`: each one's words, whether it is on, how to turn it on or off, its test id prefix. */
interface Choices<K extends string> {
  legend: string;
  keys: readonly K[];
  label: (key: K) => string;
  on: (key: K) => boolean;
  set: (key: K, on: boolean) => void;
  testid: string;
}

/** A card with a small creation form: one field, a set of checkboxes, the button; what was created below it. */
function CreateCard<K extends string>({
  id,
  title,
  lede,
  onSubmit,
  field,
  choices,
  submit,
  created,
}: {
  id: string;
  title: string;
  lede: string;
  onSubmit: (e: React.FormEvent<HTMLFormElement>) => void;
  field: React.ReactNode;
  choices: Choices<K>;
  submit: { text: string; testid: string; disabled?: boolean };
  /** what was just created: shown once, under the form */
  created: { testid: string; text: string; body: React.ReactNode } | null;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle id={id}>{title}</CardTitle>
        <CardDescription>{lede}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form onSubmit={onSubmit} aria-labelledby={id} className="flex flex-col gap-3" noValidate>
          {field}
          <fieldset className="m-0 flex flex-wrap gap-x-4 gap-y-1 border-0 p-0">
            <legend className="mb-1 text-sm font-medium text-ink">{choices.legend}</legend>
            {choices.keys.map((key) => (
              <label key={key} className="inline-flex min-h-8 items-center gap-2 text-sm">
                <input
                  className="size-4 accent-brand"
                  type="checkbox"
                  checked={choices.on(key)}
                  onChange={(e) => choices.set(key, e.target.checked)}
                  data-testid={`${choices.testid}-${key}`}
                />
                {choices.label(key)}
              </label>
            ))}
          </fieldset>
          <div>
            <Button type="submit" disabled={submit.disabled} data-testid={submit.testid}>
              {submit.text}
            </Button>
          </div>
        </form>
        {created ? (
          <Alert tone="ok" role="status" data-testid={created.testid}>
            <AlertDescription className="flex flex-col gap-3">
              <span>{created.text}</span>
              {created.body}
            </AlertDescription>
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}

export function IntegrationsManager({
  clients,
  webhooks,
  audit,
}: {
  clients: ClientRow[];
  webhooks: WebhookRow[];
  audit: AuditRow[];
}) {
  const i18n = useI18n();
  const { locale, m } = i18n;
  const t = m.machine;
  const dates = datesFor(i18n);
  const id = useId();
  const router = useRouter();
  const { state, write, reset } = useLedgerWrite();
  const busy = state.phase === "signing" || state.phase === "pending" || state.phase === "indexing";
  const [bits, setBits] = useState<number>(PERMIT.SHIP);
  const [topics, setTopics] = useState<string[]>(["recall", "quarantine"]);
  const [problem, setProblem] = useState<string | null>(null);
  const [news, setNews] = useState<string | null>(null);
  const [client, setClient] = useState<{
    clientId: string;
    clientSecret: string;
    account: string;
    permissions: number;
  } | null>(null);
  const [hook, setHook] = useState<{ id: string; secret: string } | null>(null);
  const permits = (b: number) =>
    permitNames(b)
      .map((p) => m.org.permits[p])
      .join(locale === "zh-CN" ? "、" : ", ");

  /** Runs an API call, showing its refusal as the page's problem. */
  async function attempt(run: () => Promise<void>) {
    setProblem(null);
    setNews(null);
    reset();
    try {
      await run();
      router.refresh();
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  const createClient = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const label = String(new FormData(e.currentTarget).get("label") ?? "").trim();
    if (!label || label.length > 80) return setProblem(t.clients.labelMissing);
    void attempt(async () =>
      setClient(await postJson("/api/integrations/clients", { label, permissions: bits }, systemClientRequest)),
    );
  };
  const createHook = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const url = String(new FormData(e.currentTarget).get("url") ?? "").trim();
    if (topics.length === 0) return setProblem(t.webhooks.noTopics);
    void attempt(async () =>
      setHook(await postJson("/api/integrations/webhooks", { url, topics: topics as never }, webhookRequest)),
    );
  };
  const member = (account: string, permissions: number | null) => {
    setProblem(null);
    setNews(null);
    void (permissions === null
      ? write("removeMember", [account as `0x${string}`])
      : write("addMember", [account as `0x${string}`, permissions]));
  };

  return (
    <div className="flex flex-col gap-8" data-testid="integrations-page">
      <TxStatus state={state} />
      {(
        [
          ["ok", "status", news, "integrations-news"],
          ["bad", "alert", problem, "integrations-problem"],
        ] as const
      ).map(([tone, role, text, testid]) =>
        text ? (
          <Alert key={testid} tone={tone} role={role} data-testid={testid}>
            <AlertDescription>{text}</AlertDescription>
          </Alert>
        ) : null,
      )}

      <CreateCard
        id={`${id}-clients`}
        title={t.clients.title}
        lede={t.clients.lede}
        onSubmit={createClient}
        submit={{ text: t.clients.create, testid: "client-create", disabled: busy }}
        field={
          <Field id={`${id}-label`} label={t.clients.label} hint={t.clients.labelHint}>
            {(control) => (
              <input {...control} name="label" maxLength={80} autoComplete="off" data-testid="client-label" />
            )}
          </Field>
        }
        choices={{
          legend: t.clients.permissions,
          keys: CLIENT_PERMITS,
          label: (p) => m.org.permits[p],
          on: (p) => (bits & PERMIT[p]) !== 0,
          set: (p, on) => setBits(on ? bits | PERMIT[p] : bits & ~PERMIT[p]),
          testid: "client-permit",
        }}
        created={
          client && {
            testid: "client-created",
            text: t.clients.created,
            body: (
              <>
                <Secret label={t.clients.clientId} value={client.clientId} testid="client-id" />
                <Secret label={t.clients.secret} value={client.clientSecret} testid="client-secret" />
                <Secret label={t.clients.member} value={client.account} testid="client-member" />
                <span className="text-sm">{t.clients.tokenHint}</span>
                <div>
                  <Button
                    onClick={() => member(client.account, client.permissions)}
                    disabled={busy}
                    data-testid="client-add-created"
                  >
                    {t.clients.addOnLedger}
                  </Button>
                </div>
              </>
            ),
          }
        }
      />
      <DataTable
        label={t.clients.title}
        heading={{ id: `${id}-client-list`, text: t.clients.title }}
        testid="system-clients"
        rows={clients}
        rowKey={(c) => c.id}
        rowData={(c) => ({ "data-client": c.id, "data-state": c.state })}
        empty={t.clients.none}
        columns={[
          { head: t.clients.label, cell: (c) => displayText(c.label) },
          { head: t.clients.clientId, cell: (c) => <code>{c.id}</code> },
          { head: t.clients.member, cell: (c) => <code className="break-all">{c.member}</code> },
          { head: t.clients.permissions, cell: (c) => permits(c.permissions) },
          {
            head: t.clients.status,
            cell: (c) => <Badge tone={STATE_TONE[c.state]}>{t.clients.states[c.state]}</Badge>,
          },
          { head: t.clients.lastUsed, cell: (c) => (c.lastUsedAt ? dates.at(c.lastUsedAt) : t.clients.never) },
          {
            head: t.clients.actions,
            cell: (c) => (
              <div className="flex flex-wrap gap-2">
                {c.state === "waiting" || c.state === "removed" ? (
                  <Button size="sm" onClick={() => member(c.member, c.permissions)} disabled={busy}>
                    {t.clients.addOnLedger}
                  </Button>
                ) : null}
                {c.state === "active" ? (
                  <Button size="sm" variant="secondary" onClick={() => member(c.member, null)} disabled={busy}>
                    {t.clients.removeFromLedger}
                  </Button>
                ) : null}
                {c.state !== "revoked" ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={busy}
                    data-testid={`client-revoke-${c.id}`}
                    onClick={() =>
                      void attempt(async () => {
                        await postJson("/api/integrations/clients/revoke", { clientId: c.id }, revokeClientRequest);
                        setNews(fmt(t.clients.revoked, { label: displayText(c.label) }));
                      })
                    }
                  >
                    {t.clients.revoke}
                  </Button>
                ) : null}
              </div>
            ),
          },
        ]}
      />

      <CreateCard
        id={`${id}-webhooks`}
        title={t.webhooks.title}
        lede={t.webhooks.lede}
        onSubmit={createHook}
        submit={{ text: t.webhooks.create, testid: "webhook-create" }}
        field={
          <Field id={`${id}-url`} label={t.webhooks.url} hint={t.webhooks.urlHint}>
            {(control) => (
              <input
                {...control}
                name="url"
                type="url"
                inputMode="url"
                autoComplete="off"
                maxLength={2000}
                data-testid="webhook-url"
              />
            )}
          </Field>
        }
        choices={{
          legend: t.webhooks.topics,
          keys: WEBHOOK_TOPICS,
          label: (topic) => t.webhooks.topic[topic],
          on: (topic) => topics.includes(topic),
          set: (topic, on) => setTopics(on ? [...topics, topic] : topics.filter((x) => x !== topic)),
          testid: "webhook-topic",
        }}
        created={
          hook && {
            testid: "webhook-created",
            text: t.webhooks.created,
            body: <Secret label={t.webhooks.secret} value={hook.secret} testid="webhook-secret" />,
          }
        }
      />
      {webhooks.length === 0 ? <p className="m-0 text-muted">{t.webhooks.none}</p> : null}
      {webhooks.map((w) => (
        <DataTable
          key={w.id}
          label={`${t.webhooks.log}: ${w.url}`}
          heading={{
            id: `${id}-${w.id}`,
            text: <code className="break-all">{w.url}</code>,
            level: 3,
            note: w.topics.map((x) => t.webhooks.topic[x]).join(locale === "zh-CN" ? "、" : ", "),
            intro: (
              <Button
                size="sm"
                variant="secondary"
                data-testid={`webhook-delete-${w.id}`}
                onClick={() =>
                  void attempt(async () => {
                    await postJson("/api/integrations/webhooks/delete", { id: w.id }, deleteWebhookRequest);
                    setNews(fmt(t.webhooks.removed, { url: w.url }));
                  })
                }
              >
                {t.webhooks.remove}
              </Button>
            ),
          }}
          testid="webhook-log"
          rows={w.log}
          rowKey={(d) => d.id}
          rowData={(d) => ({ "data-topic": d.topic, "data-http": String(d.httpStatus ?? ""), "data-status": d.status })}
          empty={t.webhooks.logNone}
          columns={[
            { head: t.webhooks.time, cell: (d) => dates.at(d.at) },
            { head: t.webhooks.topics, cell: (d) => t.webhooks.topic[d.topic] },
            { head: t.webhooks.attempt, num: true, cell: (d) => d.attempt },
            { head: t.webhooks.httpStatus, cell: (d) => d.httpStatus ?? t.webhooks.noAnswer },
            {
              head: t.webhooks.result,
              cell: (d) => (
                <Badge tone={d.ok ? "ok" : d.status === "failed" ? "bad" : "warn"}>
                  {t.webhooks.delivery[d.ok ? "delivered" : d.status]}
                </Badge>
              ),
            },
            { head: t.webhooks.next, cell: (d) => (d.nextAttemptAt ? dates.at(d.nextAttemptAt) : "") },
          ]}
        />
      ))}

      <DataTable
        label={t.audit.title}
        heading={{ id: `${id}-audit`, text: t.audit.title }}
        testid="machine-audit"
        rows={audit}
        rowKey={(a) => a.id}
        empty={t.audit.none}
        columns={[
          { head: t.audit.at, cell: (a) => dates.at(a.at) },
          { head: t.audit.client, cell: (a) => displayText(a.client) },
          { head: t.audit.request, cell: (a) => <code className="break-all">{a.request}</code> },
          { head: t.audit.status, num: true, cell: (a) => a.status },
          { head: t.audit.ip, cell: (a) => a.ip },
        ]}
      />
    </div>
  );
}
