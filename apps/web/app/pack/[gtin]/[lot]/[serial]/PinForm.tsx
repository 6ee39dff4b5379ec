"use client";

import { formatPin, PIN_GROUP, readPinInput } from "@tracemed/codes/browser";
import { useLayoutEffect, useRef, useState } from "react";
import { errorSentence } from "@/lib/errors";
import { useI18n } from "@/lib/i18n/client";
import { checkInput } from "@/lib/inputs/refusal";
import { verifyRequest, type VerifyRequest } from "@tracemed/verification/request";
import { fmt } from "@/lib/i18n/locales";
import { postJsonAnswer } from "@/lib/postJson";
import { Verdict, type VerdictCode, type VerdictFacts } from "@/components/consumer/Verdict";

/** The answer of POST /api/verify (@tracemed/verification/verifyPack). */
interface Result {
  verdict: VerdictCode;
  genuine: boolean;
  manufacturer?: { name: string; country: string } | null;
  pack?: { expiresAt: string };
  firstVerification?: { at: string; region: string | null } | null;
  checksSince?: number;
  dispensed?: { by: string; at: string } | null;
  recall?: { reason: string | null } | null;
  quarantine?: { reason: string | null } | null;
}

/** Where the caret goes after `k` digits in the grouped form ("1234 5678 9…"). */
const caretAfter = (k: number) => k + Math.floor(Math.max(k - 1, 0) / PIN_GROUP);

/**
 * The scratch-off PIN: grouped in fours as it is typed (the caret stays where the person is
 * typing), full-width digits and O/I/l read as digits, and a typo caught by the check digit before
 * anything is sent. The verdict replaces nothing: the PIN stays in the field to correct and resend.
 */
export function PinForm({ gtin, lot, serial }: { gtin: string; lot: string; serial: string }) {
  const { m } = useI18n();
  const t = m.consumer.pin;
  const [text, setText] = useState("");
  const [caret, setCaret] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [verdict, setVerdict] = useState<{ code: VerdictCode; facts: VerdictFacts } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const input = readPinInput(text);

  useLayoutEffect(() => {
    if (caret !== null && field.current && document.activeElement === field.current) {
      field.current.setSelectionRange(caret, caret);
    }
  }, [caret, text]);

  function onChange(e: React.ChangeEvent<HTMLInputElement>) {
    const raw = e.target.value;
    const at = e.target.selectionStart ?? raw.length;
    const read = readPinInput(raw);
    if (read.status === "invalid-character") {
      // Keep exactly what was typed so the mistake can be seen and corrected.
      setText(raw);
      setCaret(at);
      return;
    }
    let digits = read.digits;
    let before = readPinInput(raw.slice(0, at)).digits.length;
    const backspace = (e.nativeEvent as InputEvent).inputType === "deleteContentBackward";
    const removedSpace = backspace && text[at] === " " && raw === text.slice(0, at) + text.slice(at + 1);
    if (removedSpace && before > 0) {
      // Backspace over a group space: delete the digit before it, as people expect.
      digits = digits.slice(0, before - 1) + digits.slice(before);
      before -= 1;
    }
    setText(formatPin(digits));
    setCaret(caretAfter(before));
    if (error) setError(null);
  }

  const problems: Partial<Record<typeof input.status, string>> = {
    "check-failed": t.typo,
    "too-long": t.tooLong,
    "invalid-character": t.invalidChar,
  };
  const invalid = problems[input.status] !== undefined;
  const hint =
    problems[input.status] ?? (input.status === "ok" ? t.complete : fmt(t.progress, { n: input.digits.length }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (input.status !== "ok") return;
    // What the route would refuse is not sent (a pack address too long to be a real pack's).
    const request: VerifyRequest = { gtin, lot, serial, pin: input.digits };
    if (!checkInput(verifyRequest, request).ok) return setError(t.errors.unexpected);
    setBusy(true);
    setError(null);
    try {
      const { res, body } = await postJsonAnswer<
        (Result & { error?: undefined }) | { error: { code: string; message: string } }
      >("/api/verify", request);
      if (res.ok && body && !body.error) {
        const r = body as Result;
        setVerdict({
          code: r.verdict,
          facts: {
            maker: r.manufacturer?.name,
            pharmacy: r.dispensed?.by,
            at: r.verdict === "dispensed" ? r.dispensed?.at : r.firstVerification?.at,
            region: r.firstVerification?.region,
            checks: r.checksSince,
            reason: r.recall?.reason ?? r.quarantine?.reason,
            expiresAt: r.pack?.expiresAt,
            gtin,
            lot,
            serial,
          },
        });
      } else if (body?.error?.code === "PackLocked" || body?.error?.code === "TooManyChecks") {
        const code = body.error.code === "PackLocked" ? "locked" : "rate_limited";
        setVerdict({ code, facts: { retryAfter: Number(res.headers.get("retry-after")) || 60 } });
      } else if (body?.error?.code === "PinTypo") {
        setError(errorSentence(m, body.error.code));
      } else {
        setError(t.errors.unexpected);
      }
    } catch {
      setError(t.errors.network);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="pin-form" data-testid="pin-form" noValidate>
      <label htmlFor="pin">{t.label}</label>
      <input
        ref={field}
        id="pin"
        name="pin"
        inputMode="numeric"
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        placeholder="0000 0000 0000 0000 0000"
        value={text}
        onChange={onChange}
        aria-describedby="pin-hint"
        aria-invalid={invalid ? true : undefined}
        data-pin-status={input.status}
      />
      <p id="pin-hint" className={`hint${invalid ? " hint-bad" : input.status === "ok" ? " hint-ok" : ""}`}>
        {invalid ? (
          <span aria-hidden="true">✕ </span>
        ) : input.status === "ok" ? (
          <span aria-hidden="true">✓ </span>
        ) : null}
        {hint}
      </p>
      {/* Announce problems and completion, not every digit typed. */}
      <span className="visually-hidden" aria-live="polite">
        {invalid || input.status === "ok" ? hint : ""}
      </span>
      <button type="submit" disabled={busy || input.status !== "ok"}>
        {busy ? t.checking : t.submit}
      </button>
      {error ? (
        <p className="notice" role="alert">
          {error}
        </p>
      ) : null}
      {verdict ? <Verdict code={verdict.code} facts={verdict.facts} focus /> : null}
    </form>
  );
}
