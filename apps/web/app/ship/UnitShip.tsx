"use client";
import { custodyLedgerAbi } from "@tracemed/chain";
import { displayText, ssccToRef } from "@tracemed/codes/browser";
import type { HoldingRow, Recipient } from "@tracemed/provenance/custody";
import type { UnitAtDesk } from "@tracemed/provenance/unitDesk";
import { useState } from "react";
import { RecipientOptions } from "@/components/custody/RecipientOptions";
import { encodeFunctionData, type Hex } from "viem";
import { Printer } from "lucide-react";
import { codeErrorText } from "@/components/scan/codeError";
import { ScanFeedback, type ScanProblem } from "@/components/scan/ScanFeedback";
import { Scanner } from "@/components/scan/Scanner";
import { Field } from "@/components/form/Field";
import { MissingPermit, useMissingPermit } from "@/components/MissingPermit";
import { Notice } from "@/components/Notice";
import { TxStatus } from "@/components/TxStatus";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { UnitFacts } from "@/components/custody/UnitFacts";
import { fetchUnit, receiptArgs } from "@/components/custody/unitApi";
import { readShipmentCode } from "@/lib/custody/readCode";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";

/** Why a found unit cannot be shipped from here, or null. */
function unitProblem(t: ReturnType<typeof useI18n>["m"]["custody"]["ship"], found: UnitAtDesk, holdings: HoldingRow[]) {
  const { unit } = found;
  if (unit.status !== "packed") return fmt(t.unitOpened, { sscc: unit.sscc });
  if (!found.here) return fmt(t.unitNotHere, { sscc: unit.sscc });
  for (const c of unit.contents) {
    const held = holdings.find((h) => h.batchId === c.batchId)?.held ?? 0;
    if (held < c.quantity) return fmt(t.unitShort, { held, lot: c.lot, n: c.quantity });
  }
  return null;
}

/**
 * Ship a sealed case or pallet by scanning its label: its contents go as one `ship(batch, to, quantity, ref = SSCC)`
 * per batch, in one multicall, to one recipient. A case still on an intact pallet at this site is taken off first
 * (the pallet is unpacked: two writes, said on screen); a unit received and still sealed is taken over first.
 */
export function UnitShip(props: { holdings: HoldingRow[]; recipients: Recipient[] }) {
  const { m } = useI18n();
  const t = m.custody.ship;
  const { state, write, writeUnits, reset } = useLedgerWrite();
  const missing = useMissingPermit("SHIP");
  const [found, setFound] = useState<UnitAtDesk | null>(null);
  const [problem, setProblem] = useState<ScanProblem | null>(null);
  const [looking, setLooking] = useState(false);
  const [recipient, setRecipient] = useState("");
  const [recipientError, setRecipientError] = useState<string | null>(null);
  const [step, setStep] = useState<string | null>(null);
  const [shipped, setShipped] = useState<{ sscc: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const onScan = async (text: string): Promise<boolean> => {
    setShipped(null);
    reset();
    let sscc: string;
    try {
      sscc = readShipmentCode(text).sscc;
    } catch (e) {
      setProblem(codeErrorText(m, e));
      return false;
    }
    setLooking(true);
    try {
      const unit = await fetchUnit(sscc);
      if (!unit) {
        setFound(null);
        setProblem({ text: fmt(m.custody.unit.notFound, { sscc }) });
      } else {
        setFound(unit);
        const why = unitProblem(t, unit, props.holdings);
        setProblem(why ? { text: why } : null);
      }
      return true;
    } catch (e) {
      setProblem({ text: m.common.errors.network, detail: (e as Error).message });
      return false;
    } finally {
      setLooking(false);
    }
  };

  const ship = async () => {
    if (!found) return;
    if (!recipient) {
      setRecipientError(t.errRecipient);
      return;
    }
    setRecipientError(null);
    const { unit, parent } = found;
    setBusy(true);
    try {
      if (parent) {
        setStep(fmt(t.unitStepUnpack, { parent: parent.sscc }));
        if (!(await writeUnits("unpack", await receiptArgs(parent.sscc)))) return;
        setStep(fmt(t.unitStepShip, { sscc: unit.sscc }));
      } else if (!found.heldByYou) {
        // Received and still sealed: the contract moves a unit only on a receipt from its holder, so this
        // organisation takes it over before its next receiver's receipt can name it.
        setStep(fmt(t.unitStepTakeOver, { sscc: unit.sscc }));
        if (!(await writeUnits("takeOver", await receiptArgs(unit.sscc)))) return;
        setStep(fmt(t.unitStepShip, { sscc: unit.sscc }));
      }
      const ref = ssccToRef(unit.sscc);
      const calls = unit.contents.map((c) =>
        encodeFunctionData({
          abi: custodyLedgerAbi,
          functionName: "ship",
          args: [c.batchId as Hex, recipient as Hex, BigInt(c.quantity), ref],
        }),
      );
      if (await write("multicall", [calls])) {
        const to = displayText(props.recipients.find((r) => r.account === recipient)?.name ?? recipient);
        setShipped({
          sscc: unit.sscc,
          text: fmt(t.unitShipped, { what: fmt(t.unitWhatCase, { sscc: unit.sscc }), packs: unit.packs, to }),
        });
        setFound(null);
        setRecipient("");
      }
    } catch (e) {
      setProblem({ text: (e as Error).message });
    } finally {
      setStep(null);
      setBusy(false);
    }
  };

  const blocked = found ? unitProblem(t, found, props.holdings) : null;

  return (
    <section aria-labelledby="ship-unit-title" className="mt-8" data-testid="ship-unit">
      <h2 id="ship-unit-title">{t.unitTitle}</h2>
      <Scanner onScan={onScan} label={t.unitInput} submitLabel={t.unitFind} testId="ship-unit" />
      <ScanFeedback testId="ship-unit" looking={looking} lookingText={t.unitLooking} problem={problem} done={null} />
      {found ? (
        <Card className="my-3" data-testid="ship-unit-found" data-sscc={found.unit.sscc}>
          <UnitFacts unit={found.unit} />
          {found.parent && !blocked ? (
            <Notice role="alert" data-testid="ship-unit-takeoff">
              {fmt(t.unitTakeOff, { sscc: found.unit.sscc, parent: found.parent.sscc })}
            </Notice>
          ) : null}
          {blocked ? null : (
            <form
              className="flex flex-col gap-3"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void ship();
              }}
            >
              <Field id="ship-unit-recipient" label={t.recipient} problem={recipientError}>
                {(c) => (
                  <select
                    {...c}
                    value={recipient}
                    onChange={(e) => setRecipient(e.target.value)}
                    data-testid="ship-unit-recipient"
                  >
                    <RecipientOptions recipients={props.recipients} choose={t.chooseRecipient} />
                  </select>
                )}
              </Field>
              <Button
                type="submit"
                size="lg"
                className="w-full sm:w-auto"
                disabled={busy || missing !== null}
                data-testid="ship-unit-submit"
              >
                {fmt(t.unitShip, { what: fmt(t.unitWhatCase, { sscc: found.unit.sscc }), packs: found.unit.packs })}
              </Button>
              <MissingPermit permit="SHIP" />
            </form>
          )}
        </Card>
      ) : null}
      {step ? (
        <p role="status" data-testid="ship-unit-step">
          {step}
        </p>
      ) : null}
      <TxStatus state={state} />
      {shipped ? (
        <Notice tone="ok" className="my-3" data-testid="unit-shipped" data-sscc={shipped.sscc}>
          <p>{shipped.text}</p>
          <Button asChild variant="secondary" size="lg">
            <a href={`/ship/label/${shipped.sscc}`} target="_blank" rel="noopener" data-testid="unit-label-link">
              <Printer aria-hidden="true" /> {t.printLabel}
            </a>
          </Button>
        </Notice>
      ) : null}
    </section>
  );
}
