"use client";
import { useId, useState, type FormEvent } from "react";
import { TxStatus } from "@/components/TxStatus";
import { useI18n } from "@/lib/i18n/client";
import { MissingPermit, useMissingPermit } from "@/components/MissingPermit";
import { fmt } from "@/lib/i18n/locales";
import { checkReason, reasonProblem } from "@/lib/reasonInput";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { Button } from "@/components/ui/button";
import { FIELD_TONE } from "@/components/form/Field";
import { controlClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

/**
 * Recall with a reason (in English, and in Chinese when given): a confirmation step, then the ledger write
 * with its pending/confirmed/failed state.
 */
export function RecallBatch({ batchId, lot }: { batchId: string; lot: string }) {
  const { m } = useI18n();
  const t = m.manufacturer.recall;
  const missing = useMissingPermit("REGISTER");
  const id = useId();
  const { state, write } = useLedgerWrite();
  const [reason, setReason] = useState("");
  const [reasonZh, setReasonZh] = useState("");
  const [confirming, setConfirming] = useState(false);
  // Set once the recall was asked for: from then on a reason not given is said too.
  const [asked, setAsked] = useState(false);
  const busy = state.phase === "signing" || state.phase === "pending" || state.phase === "indexing";
  // The reason is sent as one line: line breaks typed in the box become spaces. Checked as typed.
  const checked = checkReason(reason, reasonZh);
  const problem = reasonProblem(checked, asked, {
    missing: t.reasonMissing,
    tooLong: (bytes, max) => fmt(t.reasonTooLong, { over: bytes - max, max }),
    character: (position, char) => fmt(t.reasonCharacter, { position, char }),
  });

  function ask(e: FormEvent) {
    e.preventDefault();
    if (!checked.ok) {
      setAsked(true);
      document.getElementById(`${id}-reason${checked.field === "zh" ? "-zh" : ""}`)?.focus();
      return;
    }
    setConfirming(true);
  }

  async function recall() {
    setConfirming(false);
    if (checked.ok) await write("recall", [batchId as `0x${string}`, checked.onChain]);
  }

  return (
    <section aria-labelledby={`${id}-h`} data-testid="recall">
      <h2 id={`${id}-h`}>{t.title}</h2>
      <form
        className="flex flex-col gap-4 rounded-card border border-line bg-surface p-4 sm:p-5"
        onSubmit={ask}
        noValidate
      >
        <p className="m-0 text-sm text-muted">{t.note}</p>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-reason`}>{t.reason}</Label>
          <textarea
            className={cn(controlClass, "py-2")}
            id={`${id}-reason`}
            data-testid="recall-reason"
            name="reason"
            rows={3}
            maxLength={280}
            value={reason}
            aria-invalid={problem?.field === "en"}
            aria-describedby={`${id}-hint`}
            disabled={busy || state.phase === "confirmed"}
            onChange={(e) => setReason(e.target.value)}
          />
          <small id={`${id}-hint`} className={cn("text-sm", FIELD_TONE[problem?.field === "en" ? "bad" : "hint"])}>
            {problem?.field === "en" ? problem.text : t.reasonHint}
          </small>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-reason-zh`}>{t.reasonZh}</Label>
          <textarea
            className={cn(controlClass, "py-2")}
            id={`${id}-reason-zh`}
            data-testid="recall-reason-zh"
            name="reasonZh"
            lang="zh-CN"
            rows={2}
            maxLength={200}
            value={reasonZh}
            aria-invalid={problem?.field === "zh"}
            aria-describedby={`${id}-hint-zh`}
            disabled={busy || state.phase === "confirmed"}
            onChange={(e) => setReasonZh(e.target.value)}
          />
          <small id={`${id}-hint-zh`} className={cn("text-sm", FIELD_TONE[problem?.field === "zh" ? "bad" : "hint"])}>
            {problem?.field === "zh" ? problem.text : t.reasonZhHint}
          </small>
        </div>
        {confirming ? (
          <div role="alertdialog" aria-labelledby={`${id}-q`}>
            <p id={`${id}-q`} className="m-0 font-medium text-bad">
              ⚠ {fmt(t.confirm, { lot })}
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <Button variant="danger" type="button" onClick={recall} data-testid="recall-confirm">
                {t.yes}
              </Button>
              <Button variant="secondary" type="button" onClick={() => setConfirming(false)}>
                {t.cancel}
              </Button>
            </div>
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <Button
              variant="danger"
              type="submit"
              disabled={busy || missing !== null || state.phase === "confirmed"}
              data-testid="recall-start"
            >
              {t.start}
            </Button>
          </div>
        )}
        <MissingPermit permit="REGISTER" />
        <TxStatus state={state} />
      </form>
    </section>
  );
}
