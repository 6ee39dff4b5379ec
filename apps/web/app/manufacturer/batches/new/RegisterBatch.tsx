"use client";
import { displayText } from "@tracemed/codes/browser";
import { checkSerialList, firstNonCset82, readSerialList, type SerialListProblem } from "@tracemed/codes/browser";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useConnection } from "wagmi";
import { Field } from "@/components/form/Field";
import { TxStatus } from "@/components/TxStatus";
import { useI18n } from "@/lib/i18n/client";
import { datesFor } from "@/lib/dates";
import { MissingPermit, useMissingPermit } from "@/components/MissingPermit";
import { fmt } from "@/lib/i18n/locales";
import type { RegistrationView } from "@tracemed/registration/registration";
import { useStaff } from "@/lib/wallet/staff";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { MAX_PACKS, registrationRequest, submittedRequest } from "@/lib/inputs/registration";
import { callApi } from "@/components/manufacturer/api";
import { StatusBadge } from "@/components/StatusBadge";
import { localiseApiError } from "@/components/manufacturer/errors";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Notice } from "@/components/Notice";

interface ProductOption {
  gtin: string;
  name: string;
  strength: string;
  packSize: string;
}

type RegisterMessages = ReturnType<typeof useI18n>["m"]["manufacturer"]["register"];

/** A serial list's first problem in the reader's language, naming its line. */
function serialProblemText(t: RegisterMessages, p: SerialListProblem, packs: number): string {
  switch (p.kind) {
    case "count":
      return fmt(t.serialsCount, { n: p.length ?? 0, packs });
    case "empty":
      return fmt(t.serialsEmpty, { line: p.line });
    case "too-long":
      return fmt(t.serialsTooLong, { line: p.line, length: p.length ?? 0 });
    case "character":
      return fmt(t.serialsCharacter, { line: p.line, char: p.char ?? "", position: p.position ?? 0 });
    case "duplicate":
      return fmt(t.serialsDuplicate, { line: p.line, first: p.firstLine ?? 0 });
  }
}

/** The printed expiry (YYMMDD) as the date it is. */
function expiryIso(yymmdd: string): string {
  return `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}T00:00:00Z`;
}

/**
 * Register a batch: the form, then the job's progress (polled), then "Sign and register". The job
 * id is kept in the address (?job=), so a reload or coming back later resumes where it stood.
 */
export function RegisterBatch({ products, initial }: { products: ProductOption[]; initial: RegistrationView | null }) {
  const { locale, m, timeZone } = useI18n();
  const dates = datesFor({ locale, timeZone });
  const t = m.manufacturer;
  const router = useRouter();
  const id = useId();
  const [job, setJob] = useState<RegistrationView | null>(initial);
  const [form, setForm] = useState({ gtin: products[0]?.gtin ?? "", lot: "", expiryDate: "", packCount: "" });
  // The manufacturer's own serials (a file or pasted), one a line, instead of generated ones.
  const [ownSerials, setOwnSerials] = useState(false);
  const [serialText, setSerialText] = useState("");
  // A file's list is kept out of the text box: a million lines would make typing crawl.
  const [serialFile, setSerialFile] = useState<{ name: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { state, write, reset } = useLedgerWrite();
  const reported = useRef<string | null>(null);
  const { staff } = useStaff();
  const missing = useMissingPermit("REGISTER");
  const connection = useConnection();

  // Poll while the server works or the ledger has not recorded the batch yet.
  useEffect(() => {
    if (!job || (job.status !== "generating" && job.status !== "submitted")) return;
    const timer = setInterval(async () => {
      const r = await callApi<{ registration: RegistrationView }>(`/api/manufacturer/registrations/${job.id}`);
      if (r.ok) setJob(r.data.registration);
    }, 1_000);
    return () => clearInterval(timer);
  }, [job]);

  // Remember the transaction as soon as the wallet returns it (a reload then shows "submitted").
  useEffect(() => {
    if (!job || state.phase !== "pending" || reported.current === state.hash) return;
    reported.current = state.hash;
    void callApi<{ registration: RegistrationView }>(`/api/manufacturer/registrations/${job.id}/submitted`, {
      method: "POST",
      body: { txHash: state.hash },
      schema: submittedRequest,
    }).then((r) => r.ok && setJob(r.data.registration));
  }, [state, job]);

  const lotBad = form.lot ? firstNonCset82(form.lot) : -1;
  const lotProblem =
    form.lot.length > 20
      ? t.register.lotTooLong
      : lotBad >= 0
        ? /\s/.test(form.lot[lotBad] ?? "")
          ? fmt(t.register.lotSpace, { position: lotBad + 1 })
          : fmt(t.register.lotCharacter, { char: form.lot[lotBad] ?? "", position: lotBad + 1 })
        : null;

  const serialSource = serialFile?.text ?? serialText;
  const serials = useMemo(() => (ownSerials ? readSerialList(serialSource) : null), [ownSerials, serialSource]);
  const [firstSerialProblem] = useMemo(
    () => (serials && serials.length ? checkSerialList(serials, serials.length, 1) : []),
    [serials],
  );
  const serialProblem = firstSerialProblem
    ? serialProblemText(t.register, firstSerialProblem, serials?.length ?? 0)
    : null;

  async function start(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setNotice(null);
    if (lotProblem) return setProblem(lotProblem);
    if (serials && serials.length === 0) return setProblem(t.register.serialsMissing);
    if (serialProblem) return setProblem(serialProblem);
    setBusy(true);
    const r = await callApi<{ registration: RegistrationView }>("/api/manufacturer/registrations", {
      method: "POST",
      body: {
        ...form,
        lot: form.lot.trim(),
        ...(serials ? { packCount: serials.length, serials } : { packCount: Number(form.packCount) }),
      },
      schema: registrationRequest,
    });
    setBusy(false);
    if (!r.ok) return setProblem(localiseApiError(m, locale, r.error));
    setJob(r.data.registration);
    router.replace(`/manufacturer/batches/new?job=${r.data.registration.id}`, { scroll: false });
  }

  async function sign() {
    if (!job?.registerArgs) return;
    reset();
    setProblem(null);
    // The codes were made with this organisation's key: only its own account may register them.
    if (connection.address && staff && connection.address.toLowerCase() !== staff.account.toLowerCase())
      return setProblem(m.common.wallet.wrongAccount);
    const [gtin, lot, expiresAt, count, root] = job.registerArgs;
    const done = await write("registerBatch", [BigInt(gtin), lot, expiresAt, count, root as `0x${string}`]);
    if (done) {
      const r = await callApi<{ registration: RegistrationView }>(`/api/manufacturer/registrations/${job.id}`);
      if (r.ok) setJob(r.data.registration);
    }
  }

  async function retry() {
    if (!job) return;
    const r = await callApi<{ registration: RegistrationView }>(`/api/manufacturer/registrations/${job.id}/retry`, {
      method: "POST",
    });
    if (r.ok) setJob(r.data.registration);
    else setProblem(localiseApiError(m, locale, r.error));
  }

  async function discard() {
    if (!job) return;
    const r = await callApi(`/api/manufacturer/registrations/${job.id}`, { method: "DELETE" });
    if (!r.ok) return setProblem(localiseApiError(m, locale, r.error));
    setJob(null);
    setNotice(t.register.discarded);
    router.replace("/manufacturer/batches/new", { scroll: false });
  }

  if (job) {
    const product = products.find((p) => p.gtin === job.gtin);
    return (
      <section
        className="flex max-w-2xl flex-col gap-4 rounded-card border border-line bg-surface p-4 sm:p-5"
        aria-labelledby={`${id}-job`}
        data-testid="registration"
        data-status={job.status}
      >
        <h2 id={`${id}-job`} className="m-0 flex flex-wrap items-center gap-2">
          {displayText(product?.name ?? job.gtin)} <StatusBadge status={job.status} m={m} />
        </h2>
        <p>
          {fmt(t.register.summary, {
            lot: job.lot,
            n: job.packCount.toLocaleString(locale),
            expiry: dates.day(expiryIso(job.expiry)),
          })}
        </p>
        {job.status === "generating" ? (
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-progress`}>{fmt(t.register.progress, { lot: job.lot })}</Label>
            <progress
              id={`${id}-progress`}
              max={100}
              value={job.progress}
              className="h-3 w-full overflow-hidden rounded-full accent-brand"
              data-testid="registration-progress"
            />
            <p role="status" aria-live="polite">
              {fmt(t.register.percent, { n: job.progress })}
              {job.stage ? ` — ${t.stage[job.stage]}` : null}
            </p>
            <p className="m-0 text-sm text-muted">{t.register.keepOpen}</p>
          </div>
        ) : null}
        {job.status === "ready_to_sign" || job.status === "submitted" ? (
          <div>
            {job.status === "ready_to_sign" ? (
              <p>{fmt(t.register.ready, { n: job.packCount.toLocaleString(locale), lot: job.lot })}</p>
            ) : (
              <p role="status">{fmt(t.register.submitted, { hash: job.txHash ?? "" })}</p>
            )}
            <div className="flex flex-wrap items-center gap-2">
              <Button
                type="button"
                data-testid="sign-register"
                onClick={sign}
                disabled={state.phase === "signing" || state.phase === "pending" || state.phase === "indexing"}
              >
                {job.status === "ready_to_sign" ? t.register.sign : t.register.signAgain}
              </Button>
              <Button asChild variant="link">
                <a href={`/manufacturer/batches/${job.batchId}`} data-testid="open-batch">
                  {t.register.openBatch}
                </a>
              </Button>
              {job.status === "ready_to_sign" ? (
                <Button variant="secondary" type="button" onClick={discard}>
                  {t.register.discard}
                </Button>
              ) : null}
            </div>
          </div>
        ) : null}
        <TxStatus state={state} />
        {job.status === "registered" ? (
          <div className="flex flex-col gap-3">
            <Notice tone="ok" role="status" data-testid="registered">
              {fmt(t.register.registered, { lot: job.lot })}
            </Notice>
            <div className="flex flex-wrap items-center gap-3">
              <Button asChild>
                <a href={`/manufacturer/batches/${job.batchId}`} data-testid="open-batch">
                  {t.register.openBatch}
                </a>
              </Button>
              <a href="/manufacturer/batches/new">{t.register.newOne}</a>
            </div>
          </div>
        ) : null}
        {job.status === "failed" ? (
          <div className="flex flex-col gap-3">
            <Notice tone="bad" role="alert">
              {fmt(t.register.failed, { reason: job.error ?? "" })}
            </Notice>
            <div className="flex flex-wrap items-center gap-2">
              <Button type="button" onClick={retry}>
                {t.register.retry}
              </Button>
              <Button variant="secondary" type="button" onClick={discard}>
                {t.register.discard}
              </Button>
            </div>
          </div>
        ) : null}
        {problem ? (
          <Notice tone="bad" role="alert">
            {problem}
          </Notice>
        ) : null}
      </section>
    );
  }

  if (products.length === 0)
    return (
      <Notice>
        {t.register.noProducts} <a href="/manufacturer/products">{t.dashboard.products}</a>
      </Notice>
    );

  const today = new Date().toISOString().slice(0, 10);
  /** A form control's name, value and change handler for one field of the form, and its test id. */
  const bind = (key: keyof typeof form, testid: string) => ({
    name: key,
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
    "data-testid": testid,
  });
  return (
    <form
      className="flex max-w-2xl flex-col gap-4 rounded-card border border-line bg-surface p-4 sm:p-5"
      onSubmit={start}
      data-testid="register-form"
    >
      {notice ? (
        <Notice tone="ok" role="status">
          {notice}
        </Notice>
      ) : null}
      <Field id={`${id}-product`} label={t.register.product}>
        {(c) => (
          <select {...c} {...bind("gtin", "register-product")} required>
            {products.map((p) => (
              <option key={p.gtin} value={p.gtin}>
                {displayText(`${p.name} ${p.strength} · ${p.packSize}`)} · {p.gtin}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-lot`} label={t.register.lot} problem={lotProblem} hint={t.register.lotHint} polite>
        {(c) => <input {...c} {...bind("lot", "register-lot")} required autoComplete="off" />}
      </Field>
      <Field id={`${id}-expiry`} label={t.register.expiry}>
        {(c) => <input {...c} {...bind("expiryDate", "register-expiry")} type="date" required min={today} />}
      </Field>
      <fieldset className="flex max-w-xl flex-col gap-2">
        <legend className="mb-1 font-medium">{t.register.serialSource}</legend>
        {([false, true] as const).map((own) => (
          <label key={String(own)} className="flex items-start gap-2">
            <input
              type="radio"
              name="serialSource"
              checked={ownSerials === own}
              onChange={() => setOwnSerials(own)}
              data-testid={own ? "register-serials-own" : "register-serials-generate"}
              className="mt-1"
            />
            <span>{own ? t.register.serialsOwn : t.register.serialsGenerate}</span>
          </label>
        ))}
      </fieldset>
      {ownSerials ? (
        <>
          <Field id={`${id}-serial-file`} label={t.register.serialsFile}>
            {(c) => (
              <input
                {...c}
                type="file"
                accept=".txt,.csv,text/plain,text/csv"
                data-testid="register-serials-file"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  setSerialFile(file ? { name: file.name, text: await file.text() } : null);
                }}
              />
            )}
          </Field>
          <Field
            id={`${id}-serials`}
            label={t.register.serialsPaste}
            problem={serialProblem}
            hint={
              serials && serials.length ? fmt(t.register.serialsLoaded, { n: serials.length }) : t.register.serialsHint
            }
            polite
          >
            {(c) => (
              <textarea
                {...c}
                rows={6}
                value={serialFile ? "" : serialText}
                placeholder={serialFile?.name}
                disabled={serialFile !== null}
                onChange={(e) => setSerialText(e.target.value)}
                spellCheck={false}
                autoComplete="off"
                className={`${c.className} font-mono`}
                data-testid="register-serials"
              />
            )}
          </Field>
        </>
      ) : (
        <Field
          id={`${id}-packs`}
          label={t.register.packs}
          hint={fmt(t.register.packsHint, { max: MAX_PACKS.toLocaleString(locale) })}
        >
          {(c) => (
            <input
              {...c}
              {...bind("packCount", "register-packs")}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_PACKS}
              step={1}
              required
            />
          )}
        </Field>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" size="lg" disabled={busy || missing !== null} data-testid="register-submit">
          {busy ? t.register.starting : t.register.generate}
        </Button>
      </div>
      <MissingPermit permit="REGISTER" />
      {problem ? (
        <Notice tone="bad" role="alert" data-testid="register-error">
          {problem}
        </Notice>
      ) : null}
    </form>
  );
}
