"use client";
import { useI18n } from "@/lib/i18n/client";
import { localiseLedgerError } from "@/lib/i18n/ledgerErrors";
import { fmt } from "@/lib/i18n/locales";
import type { TxState } from "@/lib/wallet/useLedgerWrite";

/** Where a ledger write stands, in words and an icon (never colour alone); announced to screen readers. */
export function TxStatus({ state }: { state: TxState }) {
  const { locale, m } = useI18n();
  if (state.phase === "idle") return null;
  const hash = "hash" in state && state.hash ? state.hash : undefined;
  let icon = "⏳";
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
      icon = "✓";
      text = fmt(m.common.tx.confirmed, { block: state.block });
      break;
    case "failed":
      icon = "✕";
      text =
        state.code === "UserRejected"
          ? m.common.tx.rejected
          : fmt(m.common.tx.failed, { reason: localiseLedgerError(locale, state) });
      break;
  }
  return (
    <div
      className={`tx tx-${state.phase}`}
      role={state.phase === "failed" ? "alert" : "status"}
      aria-live="polite"
      data-tx-phase={state.phase}
    >
      <span aria-hidden="true">{icon}</span> {text}
      {hash ? (
        <div className="tx-hash">
          {fmt(m.common.tx.viewTx, { hash: "" })}
          <code>{hash}</code>
        </div>
      ) : null}
    </div>
  );
}
