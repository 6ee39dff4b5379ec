"use client";
import { useRouter } from "next/navigation";
import { isGtinUnderPrefix } from "@tracemed/codes/browser";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/client";
import { FIELD_TONE, type FieldTone } from "@/components/form/Field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";
import { fmt } from "@/lib/i18n/locales";
import { readGtinInput } from "@tracemed/registration/gtinInput";
import { checkInput } from "@/lib/inputs/refusal";
import { productField, productFields, productRequest, PRODUCT_FIELD_LIMITS } from "@/lib/inputs/products";
import { callApi } from "@/components/manufacturer/api";
import { localiseApiError } from "@/components/manufacturer/errors";
import { ProductTable, type ProductRow } from "@/components/manufacturer/ProductTable";
import { Outcome } from "@/components/manufacturer/Outcome";
import { LeafletEditor, type LeafletRow } from "./LeafletEditor";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/Notice";

/** The form's state: every field as typed ("" for one not given). */
type Form = { [K in keyof ProductRow]: string };
type TextField = Exclude<keyof Form, "gtin">;

/** The English or the Chinese half of the product form. */
const LANGUAGE_BOX = "m-0 flex flex-col gap-3 rounded-control border border-line p-3";

const EMPTY: Form = {
  gtin: "",
  name: "",
  nameZh: "",
  brand: "",
  brandZh: "",
  strength: "",
  dosageForm: "",
  dosageFormZh: "",
  packSize: "",
  packSizeZh: "",
  approvalNumber: "",
};
const formOf = (p: ProductRow): Form => {
  const form = { ...EMPTY };
  for (const key of Object.keys(EMPTY) as (keyof Form)[]) form[key] = p[key] ?? "";
  return form;
};

/**
 * The product list with one form that adds a product or edits the one chosen. A new GTIN is checked as
 * typed against the organisation's GS1 company prefixes: the ledger registers batches of no other.
 */
export function ProductsManager({
  products,
  prefixes,
  leaflets,
}: {
  products: ProductRow[];
  prefixes: string[];
  leaflets: LeafletRow[];
}) {
  const { locale, m } = useI18n();
  const t = m.manufacturer;
  const router = useRouter();
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const gtin = readGtinInput(form.gtin);
  let gtinText = t.products.gtinHint;
  let gtinTone: FieldTone = "hint";
  switch (gtin.status) {
    case "valid":
      if (!prefixes.some((p) => isGtinUnderPrefix(gtin.gtin14, p))) {
        gtinText = prefixes.length
          ? fmt(t.products.gtinNotYours, { gtin: gtin.gtin14, prefixes: prefixes.join(", ") })
          : t.products.noPrefixes;
        gtinTone = "bad";
        break;
      }
      gtinText = fmt(t.products.gtinValid, { gtin: gtin.gtin14 });
      gtinTone = "ok";
      break;
    case "incomplete":
      gtinText = fmt(t.products.gtinIncomplete, { n: gtin.digits });
      break;
    case "not_digits":
      gtinText = fmt(t.products.gtinNotDigits, { position: gtin.position });
      gtinTone = "bad";
      break;
    case "too_long":
      gtinText = t.products.gtinTooLong;
      gtinTone = "bad";
      break;
    case "wrong_check_digit":
      gtinText = fmt(t.products.gtinCheckDigit, { expected: gtin.expected, found: gtin.found });
      gtinTone = "bad";
      break;
  }
  const gtinBad = gtinTone === "bad";

  function edit(p: ProductRow) {
    setEditing(p.gtin);
    setForm(formOf(p));
    setProblem(null);
    setDone(null);
    requestAnimationFrame(() => document.getElementById(`${id}-name`)?.focus());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setDone(null);
    if (!editing && (gtin.status !== "valid" || gtinBad)) {
      setProblem(gtinText);
      document.getElementById(`${id}-gtin`)?.focus();
      return;
    }
    setBusy(true);
    const r = editing
      ? await callApi(`/api/manufacturer/products/${editing}`, { method: "PUT", body: form, schema: productFields })
      : await callApi("/api/manufacturer/products", { method: "POST", body: form, schema: productRequest });
    setBusy(false);
    if (!r.ok) {
      setProblem(localiseApiError(m, locale, r.error));
      return;
    }
    setDone(fmt(t.products.saved, { name: form.name.trim() }));
    setEditing(null);
    setForm(EMPTY);
    router.refresh();
  }

  /**
   * One descriptive field, checked as typed by the route's own rule (a required one left empty is only
   * said on saving). `lang`: the language the field is written in.
   */
  const field = (key: TextField, label: string, hint: string | null, required: boolean, lang?: string) => {
    const typed = form[key];
    const checked = typed.trim() ? checkInput(productField[key], typed) : null;
    const problem = checked && !checked.ok ? localiseApiError(m, locale, checked.error) : null;
    const described = `${id}-${key}-hint`;
    return (
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-${key}`}>{label}</Label>
        <Input
          id={`${id}-${key}`}
          name={key}
          lang={lang}
          value={typed}
          required={required}
          maxLength={PRODUCT_FIELD_LIMITS[key] + 20}
          aria-invalid={problem ? true : undefined}
          aria-describedby={described}
          onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        />
        <small id={described} className={cn("text-sm", FIELD_TONE[problem ? "bad" : "hint"])} aria-live="polite">
          {problem ?? hint ?? (required ? "" : t.products.optional)}
        </small>
      </div>
    );
  };

  return (
    <>
      {products.length === 0 ? (
        <Notice>{t.products.none}</Notice>
      ) : (
        <ProductTable
          products={products}
          m={m}
          label={t.products.title}
          action={(p) => (
            <Button
              variant="secondary"
              type="button"
              aria-label={fmt(t.products.edit, { name: p.name })}
              onClick={() => edit(p)}
            >
              {t.products.editButton}
            </Button>
          )}
        />
      )}
      <section aria-labelledby={`${id}-h`} className="max-w-3xl">
        <h2 id={`${id}-h`}>{editing ? fmt(t.products.edit, { name: form.name || editing }) : t.products.add}</h2>
        {prefixes.length ? (
          <p className="text-muted" data-testid="company-prefixes">
            {fmt(t.products.prefixes, { prefixes: prefixes.join(", ") })}
          </p>
        ) : (
          <Notice className="mb-3" data-testid="company-prefixes">
            {t.products.noPrefixes}
          </Notice>
        )}
        <form
          className="flex flex-col gap-4 rounded-card border border-line bg-surface p-4 sm:p-5"
          onSubmit={submit}
          noValidate
          data-testid="product-form"
          lang={locale}
        >
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-gtin`}>{t.products.gtin}</Label>
            <Input
              id={`${id}-gtin`}
              name="gtin"
              inputMode="numeric"
              autoComplete="off"
              value={form.gtin}
              readOnly={editing !== null}
              aria-invalid={!editing && gtinBad}
              aria-describedby={`${id}-gtin-status`}
              onChange={(e) => setForm({ ...form, gtin: e.target.value })}
            />
            <small
              id={`${id}-gtin-status`}
              className={cn("text-sm", FIELD_TONE[editing ? "hint" : gtinTone])}
              aria-live="polite"
              data-testid="gtin-status"
            >
              {editing ? t.products.gtinLocked : gtinText}
            </small>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <fieldset lang="en" className={LANGUAGE_BOX}>
              <legend className="px-1 font-semibold">{t.products.english}</legend>
              {field("name", t.products.name, t.products.nameHint, true, "en")}
              {field("brand", t.products.brand, null, false, "en")}
              {field("dosageForm", t.products.form, t.products.formHint, true, "en")}
              {field("packSize", t.products.packSize, t.products.packSizeHint, true, "en")}
            </fieldset>
            <fieldset lang="zh-CN" className={LANGUAGE_BOX}>
              <legend className="px-1 font-semibold">{t.products.chinese}</legend>
              <p className="m-0 text-sm text-muted">{t.products.zhHint}</p>
              {field("nameZh", t.products.nameZh, null, false, "zh-CN")}
              {field("brandZh", t.products.brandZh, null, false, "zh-CN")}
              {field("dosageFormZh", t.products.formZh, null, false, "zh-CN")}
              {field("packSizeZh", t.products.packSizeZh, null, false, "zh-CN")}
            </fieldset>
          </div>
          {field("strength", t.products.strength, t.products.strengthHint, true)}
          {field("approvalNumber", t.products.approvalNumber, t.products.approvalHint, false)}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={busy}>
              {busy ? t.products.saving : t.products.save}
            </Button>
            {editing ? (
              <Button
                variant="secondary"
                type="button"
                onClick={() => {
                  setEditing(null);
                  setForm(EMPTY);
                }}
              >
                {t.products.cancelEdit}
              </Button>
            ) : null}
          </div>
          <Outcome problem={problem} done={done} />
        </form>
      </section>
      <section aria-labelledby={`${id}-leaflets`} className="max-w-3xl">
        <h2 id={`${id}-leaflets`}>{t.products.leaflets}</h2>
        <p className="m-0 text-sm text-muted">{t.products.leafletsLede}</p>
        {editing ? (
          <LeafletEditor gtin={editing} leaflets={leaflets.filter((l) => l.gtin === editing)} />
        ) : (
          <Notice>{t.products.leafletsAfterSave}</Notice>
        )}
      </section>
    </>
  );
}
