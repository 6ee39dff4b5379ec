"use client";
import { useState } from "react";
import { TxStatus } from "@/components/TxStatus";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import type { PrefixHolder } from "@/lib/regulator/organisationInput";
import { OrganisationForm, type OrganisationInitial } from "./OrganisationForm";
import { Button } from "@/components/ui/button";

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
          variant="secondary"
          type="button"
          className={suspended ? undefined : "danger"}
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
        <div className="confirm" role="alertdialog" aria-label={question}>
          <p>
            <strong>{question}</strong>
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <Button
              variant="secondary"
              type="button"
              className={suspended ? "primary" : "danger"}
              onClick={confirm}
              disabled={busy}
            >
              {t.confirm}
            </Button>
            <Button variant="secondary" type="button" onClick={() => setOpen(null)} disabled={busy}>
              {t.cancel}
            </Button>
          </div>
        </div>
      ) : null}
      {open === "edit" ? <OrganisationForm initial={org} holders={holders} onDone={() => setOpen(null)} /> : null}
      <TxStatus state={state} />
    </div>
  );
}
