"use client";
import { isDomainErrorCode } from "@tracemed/errors";
import { useState } from "react";
import { errorSentence } from "@/lib/errors";
import { postJsonAnswer } from "@/lib/postJson";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { reportRequest, type ReportRequest } from "@/lib/inputs/reports";
import { checkInput } from "@/lib/inputs/refusal";
import {
  MAX_REPORT_CONTACT,
  MAX_REPORT_TEXT,
  REPORT_CATEGORIES,
  type ReportCategory,
} from "@tracemed/verification/reports/categories";

/** "Report a suspicious pack": what is wrong, a few words, an optional contact. Nothing typed is lost on an error. */
export function ReportForm({ gtin, lot, serial }: { gtin: string; lot: string; serial: string }) {
  const { m } = useI18n();
  const t = m.consumer.report;
  const [category, setCategory] = useState<ReportCategory | "">("");
  const [text, setText] = useState("");
  const [contact, setContact] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!category) return setProblem(t.errors.category);
    if (!text.trim()) return setProblem(t.errors.text);
    const request: ReportRequest = { gtin, lot, serial, category, text, contact: contact || null };
    if (!checkInput(reportRequest, request).ok) return setProblem(t.errors.unexpected);
    setBusy(true);
    setProblem(null);
    try {
      const { res, body } = await postJsonAnswer<{ report?: { id: string }; error?: { code: string } }>(
        "/api/reports",
        request,
      );
      if (res.ok && body?.report) {
        setSent(body.report.id);
      } else {
        const code = body?.error?.code;
        setProblem(isDomainErrorCode(code) ? errorSentence(m, code) : t.errors.unexpected);
      }
    } catch {
      setProblem(m.consumer.pin.errors.network);
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <section className="report" aria-labelledby="report-title">
        <h2 id="report-title">{t.title}</h2>
        <p className="notice notice-ok" role="status" data-testid="report-sent" data-report-id={sent}>
          <span aria-hidden="true">✓ </span>
          {fmt(t.sent, { id: sent })}
        </p>
      </section>
    );
  }
  return (
    <section className="report" aria-labelledby="report-title">
      <h2 id="report-title">{t.title}</h2>
      <p className="note">{t.intro}</p>
      <form onSubmit={submit} className="report-form" data-testid="report-form" noValidate>
        <fieldset>
          <legend>{t.what}</legend>
          {REPORT_CATEGORIES.map((c) => (
            <label key={c} className="choice">
              <input type="radio" name="category" value={c} checked={category === c} onChange={() => setCategory(c)} />{" "}
              {t.categories[c]}
            </label>
          ))}
        </fieldset>
        <label htmlFor="report-text">{t.text}</label>
        <textarea
          id="report-text"
          name="text"
          rows={4}
          maxLength={MAX_REPORT_TEXT}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="report-text-hint"
          required
        />
        <p id="report-text-hint" className="hint">
          {t.textHint}
        </p>
        <label htmlFor="report-contact">{t.contact}</label>
        <input
          id="report-contact"
          name="contact"
          type="text"
          autoComplete="email"
          maxLength={MAX_REPORT_CONTACT}
          value={contact}
          onChange={(e) => setContact(e.target.value)}
          aria-describedby="report-contact-hint"
        />
        <p id="report-contact-hint" className="hint">
          {t.contactHint}
        </p>
        {problem ? (
          <p className="notice" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? t.sending : t.send}
        </button>
      </form>
    </section>
  );
}
