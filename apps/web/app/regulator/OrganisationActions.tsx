"use client";
import { useState } from "react";
import { TxStatus } from "@/components/TxStatus";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import type { PrefixHolder } from "@/lib/regulator/organisationInput";
import { OrganisationForm, type OrganisationInitial } from "./OrganisationForm";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ConfirmDialog";

/**
 * Edit, suspend or reinstate one organisation (suspension and reinstatement are confirmed first): each is
 * proposed to the regulator council, which executes it after its delay.
 */
export function OrganisationActions({
  org,
  suspended,
  holders,
}: {
  org: OrganisationInitial;
  suspended: boolean;
  /** the organisations holding company prefixes (for the edit form's check) */
  holders: PrefixHolder[];
}) {
  const { m } = useI18n();
  const t = m.regulator.organisations;
  const { state, propose, reset } = useLedgerWrite();
  const [open, setOpen] = useState<"edit" | "confirm" | null>(null);
  const busy = state.phase === "signing" || state.phase === "pending" || state.phase === "indexing";
  const question = fmt(suspended ? t.confirmReinstate : t.confirmSuspend, { name: org.name });

  async function confirm() {
    const account = org.account as `0x${string}`;
    // Council-only: proposed on the council, executed after its delay unless another regulator cancels it.
    const done = suspended ? await propose("reinstate", [account]) : await propose("suspend", [account]);
    if (done) setOpen(null);
  }

  return (
    <div data-testid="organisation-actions" data-account={org.account}>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={org.name}>
        <Button
          variant="secondary"
          type="button"
          onClick={() => setOpen(open === "edit" ? null : "edit")}
          aria-expanded={open === "edit"}
        >
          {t.edit}
        </Button>
        <Button
          variant={suspended ? "secondary" : "danger"}
          onClick={() => {
            reset();
            setOpen("confirm");
          }}
          disabled={busy}
        >
          {suspended ? t.reinstate : t.suspend}
        </Button>
      </div>
      {open === "confirm" ? (
        <ConfirmDialog
          question={question}
          yes={t.confirm}
          no={t.cancel}
          onYes={() => void confirm()}
          onNo={() => setOpen(null)}
          busy={busy}
          testid="confirm-organisation-action"
          undoable={suspended}
        />
      ) : null}
      {open === "edit" ? <OrganisationForm initial={org} holders={holders} onDone={() => setOpen(null)} /> : null}
      <TxStatus state={state} />
    </div>
  );
}
