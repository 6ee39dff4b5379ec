"use client";
import { useEffect, useState } from "react";
import { displayText } from "@tracemed/codes/browser";
import { DataTable, type Column } from "@/components/table/DataTable";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Badge } from "@/components/ui/badge";
import { TxStatus } from "@/components/TxStatus";
import { shortHex } from "@/lib/format";
import { datesFor } from "@/lib/dates";
import type { CouncilOperationView } from "@/lib/council/operations";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { Button } from "@/components/ui/button";

/** Seconds as "1 h 05 min 09 s" (a countdown that a reader takes in at a glance). */
export function timeLeft(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (h > 0) return `${h} h ${pad(min)} min ${pad(sec)} s`;
  if (min > 0) return `${min} min ${pad(sec)} s`;
  return `${sec} s`;
}

/** The clock, ticking every second (the list moves an operation to "ready" when its time comes). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/**
 * The council's operations in three lists: waiting (a countdown, cancel), ready (execute: the proposer;
 * cancel: any regulator) and history. Waiting and ready ones show their approvals, and offer the other council
 * members an approval, which executes the operation at once when it completes the quorum. Cancelling asks
 * first, and says what will then not happen.
 */
export function CouncilOperations({
  operations,
  me,
  canAct,
  threshold,
}: {
  operations: CouncilOperationView[];
  /** the signed-in member's account */
  me: string;
  /** whether the signed-in member sits on the council */
  canAct: boolean;
  /** approvals (the proposer's included) that execute an operation at once; null without a quorum */
  threshold: number | null;
}) {
  const i18n = useI18n();
  const m = i18n.m;
  const dates = datesFor(i18n);
  const t = m.org.councilPage;
  const now = useNow();
  const { state, council, approve } = useLedgerWrite();
  const [cancelling, setCancelling] = useState<CouncilOperationView | null>(null);
  const busy = state.phase === "signing" || state.phase === "pending" || state.phase === "indexing";
  const scheduled = operations.filter((o) => o.status === "scheduled");
  const pending = scheduled.filter((o) => new Date(o.readyAt).getTime() > now);
  const ready = scheduled.filter((o) => new Date(o.readyAt).getTime() <= now);
  const history = operations.filter((o) => o.status !== "scheduled");
  const self = me.toLowerCase();

  /** A regulator's key, with its organisation when it is a member ("0x1234…abcd of …"). */
  const signer = (account: string, organisation: string | null) =>
    organisation
      ? fmt(m.org.signedBy, { member: shortHex(account), org: displayText(organisation) })
      : shortHex(account);
  const proposer = (o: CouncilOperationView) => signer(o.caller, o.callerOrganisation);
  const what: Column<CouncilOperationView> = { head: t.what, cell: (o) => <strong>{displayText(o.what)}</strong> };
  const by: Column<CouncilOperationView> = {
    head: t.proposedBy,
    cell: (o) => (
      <span title={o.caller}>
        {proposer(o)}
        {o.caller === self ? <span className="m-0 text-sm text-muted"> ({m.org.members.you})</span> : null}
      </span>
    ),
  };
  const readyAt: Column<CouncilOperationView> = { head: t.readyAt, cell: (o) => dates.at(o.readyAt) };
  const approvals: Column<CouncilOperationView>[] =
    threshold === null
      ? []
      : [
          {
            head: t.approvals,
            cell: (o) => (
              <span data-testid="council-approvals">
                {fmt(t.approvalsOf, { count: o.approvals.length, threshold })}
                <br />
                <span className="m-0 text-sm text-muted">
                  {o.approvals.map((a, i) => (
                    <span key={a.account} title={a.account}>
                      {i > 0 ? ", " : null}
                      {signer(a.account, a.organisation)}
                    </span>
                  ))}
                </span>
              </span>
            ),
          },
        ];
  /** Approve: council members other than the proposer who have not approved yet; a note once they have. */
  const approveButton = (o: CouncilOperationView) => {
    if (threshold === null || o.caller === self) return null;
    if (o.approvals.some((a) => a.account === self))
      return <span className="m-0 text-sm text-muted">{t.approved}</span>;
    return (
      <Button
        type="button"
        disabled={!canAct || busy}
        onClick={() => void approve(o.caller, o.target, o.data)}
        data-testid={`council-approve-${o.id}`}
      >
        {t.approve}
      </Button>
    );
  };
  const cancelButton = (o: CouncilOperationView) => (
    <Button
      variant="danger"
      type="button"
      disabled={!canAct || busy}
      onClick={() => setCancelling(o)}
      data-testid={`council-cancel-${o.id}`}
    >
      {t.cancel}
    </Button>
  );

  /** One of the three lists (test ids council-pending, council-ready, council-history). */
  const table = (
    list: "pending" | "ready" | "history",
    rows: CouncilOperationView[],
    empty: string,
    columns: Column<CouncilOperationView>[],
  ) => (
    <DataTable
      heading={{ id: `council-${list}-h`, text: t[list] }}
      testid={`council-${list}`}
      rows={rows}
      rowKey={(o) => `${o.id}:${o.nonce}`}
      rowData={(o) => ({
        "data-operation": o.id,
        "data-nonce": String(o.nonce),
        "data-status": o.status,
        "data-what": o.what,
        "data-caller": o.caller,
      })}
      empty={empty}
      columns={columns}
    />
  );

  async function confirmCancel() {
    if (!cancelling) return;
    const done = await council("cancel", [cancelling.caller, cancelling.target, cancelling.data]);
    if (done) setCancelling(null);
  }

  return (
    <>
      {cancelling ? (
        <ConfirmDialog
          question={fmt(t.confirmCancel, { what: displayText(cancelling.what) })}
          yes={t.confirmYes}
          no={t.confirmNo}
          onYes={() => void confirmCancel()}
          onNo={() => setCancelling(null)}
          busy={busy}
          testid="council-cancel"
        />
      ) : null}
      <TxStatus state={state} />
      {table("pending", pending, t.noPending, [
        what,
        by,
        {
          head: t.timeLeft,
          cell: (o) => (
            <span data-testid="council-time-left" title={dates.at(o.readyAt)}>
              {fmt(t.left, { time: timeLeft((new Date(o.readyAt).getTime() - now) / 1000) })}
            </span>
          ),
        },
        ...approvals,
        {
          head: t.actions,
          cell: (o) => (
            <div className="flex flex-wrap items-center gap-2">
              {approveButton(o)}
              {cancelButton(o)}
            </div>
          ),
        },
      ])}
      {table("ready", ready, t.noReady, [
        what,
        by,
        readyAt,
        ...approvals,
        {
          head: t.actions,
          cell: (o) => (
            <div className="flex flex-wrap items-center gap-2">
              {approveButton(o)}
              {o.caller === self ? (
                <Button
                  type="button"
                  disabled={!canAct || busy}
                  onClick={() => void council("execute", [o.target, o.data])}
                  data-testid={`council-execute-${o.id}`}
                >
                  {t.execute}
                </Button>
              ) : (
                <span className="m-0 text-sm text-muted">{t.onlyProposer}</span>
              )}
              {cancelButton(o)}
            </div>
          ),
        },
      ])}
      {table("history", history, t.noHistory, [
        what,
        by,
        { head: t.closedAt, cell: (o) => dates.at(o.closedAt) },
        {
          head: t.closedBy,
          cell: (o) =>
            o.closedBy ? <span title={o.closedBy}>{signer(o.closedBy, o.closedByOrganisation)}</span> : null,
        },
        {
          head: t.outcome,
          cell: (o) => (
            <Badge tone={o.status === "executed" ? "ok" : "neutral"} data-status={o.status}>
              <span aria-hidden="true">{o.status === "executed" ? "✓" : "✕"}</span>
              {o.status === "cancelled"
                ? t.cancelled
                : o.executedByQuorum
                  ? t.executedByApproval
                  : t.executedAfterDelay}
            </Badge>
          ),
        },
      ])}
    </>
  );
}
