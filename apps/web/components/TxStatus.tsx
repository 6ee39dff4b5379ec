"use client";
import { CircleCheck, CircleX, LoaderCircle } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { useI18n } from "@/lib/i18n/client";
import { localiseLedgerError } from "@/lib/i18n/ledgerErrors";
import { fmt } from "@/lib/i18n/locales";
import type { TxState } from "@/lib/wallet/useLedgerWrite";

/** Where a ledger write stands, in words and an icon (never colour alone); announced to screen readers. */
export function TxStatus({ state }: { state: TxState }) {
  const { locale, m } = useI18n();
  if (state.phase === "idle") return null;
  const hash = "hash" in state && state.hash ? state.hash : undefined;
  let Icon = LoaderCircle;
  let text: string;
  switch (state.phase) {
    case "signing":
      text = m.common.tx.signing;
      break;
    case "pending":
      text = m.common.tx.pending;
      break;
    case "indexing":
      text = fmt(m.common.tx.indexing, { block: state.block });
      break;
    case "confirmed":
      Icon = CircleCheck;
      text = fmt(m.common.tx.confirmed, { block: state.block });
      break;
    case "failed":
      Icon = CircleX;
      text =
        state.code === "UserRejected"
          ? m.common.tx.rejected
          : fmt(m.common.tx.failed, { reason: localiseLedgerError(locale, state) });
      break;
  }
  const tone = state.phase === "failed" ? "bad" : state.phase === "confirmed" ? "ok" : "info";
  return (
    <Alert
      tone={tone}
      className="my-2"
      role={state.phase === "failed" ? "alert" : "status"}
      aria-live="polite"
      data-tx-phase={state.phase}
    >
      <Icon
        aria-hidden="true"
        className={state.phase === "confirmed" || state.phase === "failed" ? "" : "animate-spin"}
      />
      <AlertDescription>
        <p>{text}</p>
        {hash ? (
          <p className="text-sm text-muted">
            {fmt(m.common.tx.viewTx, { hash: "" })}
            <code className="break-all">{hash}</code>
          </p>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}
