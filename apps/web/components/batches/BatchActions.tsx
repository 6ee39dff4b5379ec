"use client";
import { reasonForStaff } from "@tracemed/chain/reason";
import { useState } from "react";
import { TxStatus } from "@/components/TxStatus";
import { useMissingPermit } from "@/components/MissingPermit";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { checkReason, reasonProblem } from "@/lib/reasonInput";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

type Action = "quarantine" | "release" | "recall";

/**
 * Quarantine, release or recall one batch: the reason first, then a confirmation that says what
 * will happen (a recall is final), then the ledger write with its status. Quarantine and release are
 * immediate; a recall is proposed to the regulator council.
 */
export function BatchActions({
  batchId,
  lot,
  status,
}: {
  batchId: `0x${string}`;
  lot: string;
  status: "active" | "quarantined" | "recalled";
}) {
  const { locale, m } = useI18n();
  const t = m.regulator.batches;
  const { state, write, propose, reset } = useLedgerWrite();
  // Quarantine and release are the regulator member's own (REGULATE); a recall is the council's.
  const missing = useMissingPermit("REGULATE");
  const [action, setAction] = useState<Action | null>(null);
  const [step, setStep] = useState<"reason" | "confirm">("reason");
  const [reason, setReason] = useState("");
  const [reasonZh, setReasonZh] = useState("");
  // Set once the reason was sent on: from then on a reason not given is said too.
  const [asked, setAsked] = useState(false);
  // The reason is sent as one line: line breaks typed in the box become spaces. Checked as typed.
  const checked = checkReason(reason, reasonZh);
  const problem = reasonProblem(checked, asked, {
    missing: t.reasonRequired,
    tooLong: (bytes, max) => fmt(t.reasonTooLong, { over: bytes - max, max }),
    character: (position, char) => fmt(t.reasonCharacter, { position, char }),
  });
  const busy = state.phase === "signing" || state.phase === "pending" || state.phase === "indexing";

  function start(a: Action) {
    reset();
    setAction(a);
    setAsked(false);
    setStep(a === "release" ? "confirm" : "reason");
  }
  function next(e: React.FormEvent) {
    e.preventDefault();
    if (!checked.ok) return setAsked(true);
    setStep("confirm");
  }
  async function confirm() {
    if (!action) return;
    if (action !== "release" && !checked.ok) return;
    const r = checked.ok ? checked.onChain : "";
    const done =
      action === "release"
        ? await write("release", [batchId])
        : action === "quarantine"
          ? await write("quarantine", [batchId, r])
          : // a regulator recalls another organisation's batch through the council (final: never by one key)
            await propose("recall", [batchId, r]);
    if (done) {
      setAction(null);
      setReason("");
      setReasonZh("");
    }
  }

  const question =
    action === "quarantine" ? t.confirmQuarantine : action === "release" ? t.confirmRelease : t.confirmRecall;
  return (
    <div className="flex min-w-48 flex-col gap-2" data-testid="batch-actions" data-lot={lot}>
      {status === "recalled" ? (
        <span className="m-0 text-sm text-muted">{t.recalledFinal}</span>
      ) : (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label={fmt(t.actionsFor, { lot })}>
          {status === "active" ? (
            <Button
              variant="secondary"
              type="button"
              onClick={() => start("quarantine")}
              disabled={busy || missing !== null}
              title={missing ?? undefined}
              aria-expanded={action === "quarantine"}
            >
              <span aria-hidden="true">‖ </span>
              {t.quarantine}
            </Button>
          ) : (
            <Button
              variant="secondary"
              type="button"
              onClick={() => start("release")}
              disabled={busy || missing !== null}
              title={missing ?? undefined}
              aria-expanded={action === "release"}
            >
              <span aria-hidden="true">▶ </span>
              {t.release}
            </Button>
          )}
          <Button
            variant="danger"
            type="button"
            onClick={() => start("recall")}
            disabled={busy}
            aria-expanded={action === "recall"}
          >
            <span aria-hidden="true">✕ </span>
            {t.recall}
          </Button>
        </div>
      )}
      {action && step === "reason" ? (
        <form className="flex max-w-md flex-col gap-1.5" onSubmit={next} noValidate>
          <Label htmlFor={`reason-${batchId}`}>{t.reason}</Label>
          <textarea
            className={cn(controlClass, "py-2")}
            id={`reason-${batchId}`}
            name="reason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={`reason-hint-${batchId}`}
            aria-invalid={problem?.field === "en" ? true : undefined}
            autoFocus
          />
          <span id={`reason-hint-${batchId}`} className="m-0 text-sm text-muted">
            {t.reasonHint}
          </span>
          <Label htmlFor={`reason-zh-${batchId}`}>{t.reasonZh}</Label>
          <textarea
            className={cn(controlClass, "py-2")}
            id={`reason-zh-${batchId}`}
            name="reasonZh"
            lang="zh-CN"
            rows={2}
            value={reasonZh}
            onChange={(e) => setReasonZh(e.target.value)}
            aria-describedby={`reason-zh-hint-${batchId}`}
            aria-invalid={problem?.field === "zh" ? true : undefined}
          />
          <span id={`reason-zh-hint-${batchId}`} className="m-0 text-sm text-muted">
            {t.reasonZhHint}
          </span>
          {problem ? (
            <p className="m-0 text-sm font-medium text-bad" role="alert">
              ✕ {problem.text}
            </p>
          ) : null}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit">{t.continue}</Button>
            <Button variant="secondary" type="button" onClick={() => setAction(null)}>
              {t.cancel}
            </Button>
          </div>
        </form>
      ) : null}
      {action && step === "confirm" ? (
        <div
          className="flex max-w-md flex-col gap-2 rounded-control border border-bad/40 bg-bad-soft p-3"
          role="alertdialog"
          aria-label={fmt(question, { lot })}
          data-testid="confirm-batch-action"
        >
          <p className="m-0 font-semibold">{fmt(question, { lot })}</p>
          {action !== "release" && checked.ok ? (
            <p className="m-0 break-words">{reasonForStaff(checked.onChain, locale)}</p>
          ) : null}
          <div className="flex flex-wrap items-center gap-2">
            <Button variant={action === "recall" ? "danger" : "primary"} onClick={confirm} disabled={busy}>
              {t.confirm[action]}
            </Button>
            <Button variant="secondary" type="button" onClick={() => setAction(null)} disabled={busy}>
              {t.cancel}
            </Button>
          </div>
        </div>
      ) : null}
      <TxStatus state={state} />
    </div>
  );
}
