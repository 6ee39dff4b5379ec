"use client";
import type { ReactNode } from "react";

/**
 * A question asked before an action that cannot be taken back by the person alone (removing a member,
 * cancelling a council operation): the sentence says what follows; the first button does it, the second
 * keeps things as they are.
 */
export function ConfirmDialog({
  question,
  yes,
  no,
  onYes,
  onNo,
  busy,
  testid,
}: {
  question: ReactNode;
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
  busy: boolean;
  /** the dialog's test id; its confirming button's is `${testid}-confirm` */
  testid: string;
}) {
  return (
    <div className="confirm panel" role="alertdialog" aria-label={yes} data-testid={testid}>
      <p>
        <strong>{question}</strong>
      </p>
      <div className="row-actions">
        <button type="button" className="danger" onClick={onYes} disabled={busy} data-testid={`${testid}-confirm`}>
          {yes}
        </button>
        <button type="button" onClick={onNo} disabled={busy}>
          {no}
        </button>
      </div>
    </div>
  );
}
