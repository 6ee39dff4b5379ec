"use client";

import { formatPin, readPinInput } from "@tracemed/codes/browser";
import { useState } from "react";

interface Result {
  verdict: string;
  genuine: boolean;
  firstVerification?: { at: string; region: string | null } | null;
  checksSince?: number;
  dispensed?: { by: string; at: string } | null;
  recall?: { reason: string | null } | null;
  quarantine?: { reason: string | null } | null;
}

const VERDICT: Record<string, { icon: string; word: string; tone: string }> = {
  genuine: { icon: "✓", word: "Genuine", tone: "ok" },
  dispensed: { icon: "✓", word: "Genuine — dispensed", tone: "ok" },
  already_verified: { icon: "!", word: "Already verified before", tone: "warn" },
  recalled: { icon: "✕", word: "Recalled", tone: "bad" },
  quarantined: { icon: "⏸", word: "Quarantined", tone: "warn" },
  expired: { icon: "✕", word: "Expired", tone: "bad" },
  unknown: { icon: "⚠", word: "Unknown code", tone: "bad" },
  pin_mismatch: { icon: "✕", word: "PIN does not match", tone: "bad" },
};

function sentence(r: Result): string {
  const day = (iso?: string) => (iso ? new Date(iso).toLocaleDateString() : "");
  switch (r.verdict) {
    case "genuine":
      return "This is a genuine pack, and this is its first verification. It is now recorded as checked.";
    case "dispensed":
      return `A genuine pack, dispensed by ${r.dispensed?.by} on ${day(r.dispensed?.at)}. This first verification is now recorded.`;
    case "already_verified":
      return `This pack's PIN was first verified on ${day(r.firstVerification?.at)}${r.firstVerification?.region ? ` in ${r.firstVerification.region}` : ""} (${r.checksSince} checks in all). If you did not scratch this pack yourself before, it may be a copy: show it to a pharmacist.`;
    case "recalled":
      return `The pack is genuine but its batch was recalled${r.recall?.reason ? `: ${r.recall.reason}` : ""}. Do not take it; return it to a pharmacy.`;
    case "quarantined":
      return `The regulator has put this batch on hold${r.quarantine?.reason ? ` (${r.quarantine.reason})` : ""}. Do not take it until a pharmacist confirms it is safe.`;
    case "expired":
      return "The pack is genuine but has expired. Do not take it.";
    case "unknown":
      return "This code is not registered. The pack may be counterfeit: do not take it.";
    default:
      return "The PIN does not match this pack. Check the digits under the scratch-off layer and try again; if it still fails, the pack may be counterfeit.";
  }
}

export function PinForm({ gtin, lot, serial }: { gtin: string; lot: string; serial: string }) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = readPinInput(text);
  const hint =
    input.status === "check-failed"
      ? "One digit is mistyped or two neighbouring digits are swapped."
      : input.status === "too-long"
        ? "The PIN has 20 digits."
        : input.status === "invalid-character"
          ? "The PIN has only digits."
          : null;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (input.status !== "ok") return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ gtin, lot, serial, pin: input.digits }),
      });
      const body = await res.json();
      if (!res.ok) setError(body?.error?.message ?? "The check failed. Please try again.");
      else setResult(body as Result);
    } catch {
      setError("No connection. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  const v = result ? (VERDICT[result.verdict] ?? VERDICT.unknown!) : null;
  return (
    <form onSubmit={submit} className="pin-form">
      <label htmlFor="pin">Scratch off the label and type the 20-digit PIN</label>
      <input
        id="pin"
        name="pin"
        inputMode="numeric"
        autoComplete="off"
        value={input.status === "ok" ? formatPin(input.digits) : text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby="pin-hint"
        aria-invalid={hint ? true : undefined}
      />
      <p id="pin-hint" className="hint" role={hint ? "alert" : undefined}>
        {hint ?? `${input.digits.length} of 20 digits`}
      </p>
      <button type="submit" disabled={busy || input.status !== "ok"}>
        {busy ? "Checking…" : "Check this pack"}
      </button>
      {error ? (
        <p className="notice" role="alert">
          {error}
        </p>
      ) : null}
      {result && v ? (
        <section className={`verdict verdict-${v.tone}`} role="status" data-verdict={result.verdict}>
          <p className="verdict-word">
            <span aria-hidden="true">{v.icon}</span> {v.word}
          </p>
          <p>{sentence(result)}</p>
        </section>
      ) : null}
    </form>
  );
}
