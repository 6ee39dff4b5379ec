"use client";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";

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
  undoable = false,
}: {
  question: ReactNode;
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
  busy: boolean;
  /** the dialog's test id; its confirming button's is `${testid}-confirm` */
  testid: string;
  /** the action can be taken back later (reinstating what was suspended): not shown as a danger */
  undoable?: boolean;
}) {
  return (
    <Card className={cn("my-3", !undoable && "border-bad/40")} role="alertdialog" aria-label={yes} data-testid={testid}>
      <p className="m-0 font-semibold">{question}</p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant={undoable ? "primary" : "danger"}
          onClick={onYes}
          disabled={busy}
          data-testid={`${testid}-confirm`}
        >
          {yes}
        </Button>
        <Button variant="secondary" onClick={onNo} disabled={busy}>
          {no}
        </Button>
      </div>
    </Card>
  );
}
