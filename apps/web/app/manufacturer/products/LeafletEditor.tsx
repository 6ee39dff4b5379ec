"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { displayText } from "@tracemed/codes/browser";
import { LEAFLET_LOCALES, leafletFileProblem, leafletHref, type LeafletLocale } from "@tracemed/verification/leaflet";
import { useI18n } from "@/lib/i18n/client";
import { FIELD_TONE } from "@/components/form/Field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";
import { fmt } from "@/lib/i18n/locales";
import { leafletLink } from "@/lib/inputs/leaflets";
import { checkInput } from "@/lib/inputs/refusal";
import { callApi, type ApiFailure } from "@/components/manufacturer/api";
import { localiseApiError } from "@/components/manufacturer/errors";
import { Outcome } from "@/components/manufacturer/Outcome";
import { Button } from "@/components/ui/button";

/** A leaflet as the products page lists it (no file bytes). */
export interface LeafletRow {
  gtin: string;
  locale: string;
  url: string | null;
  fileName: string | null;
}

const FILE_REFUSAL: Record<"empty" | "too-large" | "not-pdf", ApiFailure> = {
  empty: { code: "LeafletNotPdf", message: "The leaflet must be a PDF file (it starts with %PDF-)." },
  "not-pdf": { code: "LeafletNotPdf", message: "The leaflet must be a PDF file (it starts with %PDF-)." },
  "too-large": {
    code: "LeafletTooLarge",
    message: "The leaflet file must be at most 10 MB; reduce its images or link it.",
  },
};

/** One product's patient leaflets: per language, a PDF (checked as chosen) or an https link, or none. */
export function LeafletEditor({ gtin, leaflets }: { gtin: string; leaflets: LeafletRow[] }) {
  return (
    <div className="flex flex-col gap-3" data-testid="leaflets">
      {LEAFLET_LOCALES.map((locale) => (
        <LeafletForm key={locale} gtin={gtin} locale={locale} current={leaflets.find((l) => l.locale === locale)} />
      ))}
    </div>
  );
}

function LeafletForm({ gtin, locale, current }: { gtin: string; locale: LeafletLocale; current?: LeafletRow }) {
  const { locale: reader, m } = useI18n();
  const t = m.manufacturer.products;
  const router = useRouter();
  const id = useId();
  const language = locale === "en" ? t.english : t.chinese;
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file field once its file is sent.
  const [fileField, setFileField] = useState(0);
  const [fileNote, setFileNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [url, setUrl] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const say = (error: ApiFailure) => setProblem(localiseApiError(m, reader, error));
  const base = `/api/manufacturer/products/${gtin}/leaflets/${locale}`;

  const typedUrl = url.trim();
  const linkChecked = typedUrl ? checkInput(leafletLink, { url: typedUrl }) : null;
  const linkProblem = linkChecked && !linkChecked.ok ? localiseApiError(m, reader, linkChecked.error) : null;

  async function choose(chosen: File | null) {
    setProblem(null);
    setDone(null);
    setFile(null);
    setFileNote(null);
    if (!chosen) return;
    const refusal = leafletFileProblem(chosen.size, new Uint8Array(await chosen.slice(0, 5).arrayBuffer()));
    if (refusal) return setFileNote({ ok: false, text: localiseApiError(m, reader, FILE_REFUSAL[refusal]) });
    setFile(chosen);
    setFileNote({ ok: true, text: fmt(t.leafletFileOk, { size: `${(chosen.size / 1024 / 1024).toFixed(1)} MB` }) });
  }

  async function finish(r: { ok: true } | { ok: false; error: ApiFailure }, sentence: string) {
    setBusy(false);
    if (!r.ok) return say(r.error);
    setDone(fmt(sentence, { language }));
    setFile(null);
    setFileField((k) => k + 1);
    setFileNote(null);
    setUrl("");
    router.refresh();
  }

  async function upload() {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch(`${base}?name=${encodeURIComponent(file.name)}`, {
        method: "PUT",
        headers: { "content-type": "application/pdf" },
        body: file,
      });
      const body = (await res.json().catch(() => null)) as { error?: ApiFailure } | null;
      await finish(
        res.ok
          ? { ok: true }
          : { ok: false, error: body?.error ?? { code: `HTTP${res.status}`, message: `HTTP ${res.status}` } },
        t.leafletSaved,
      );
    } catch {
      await finish({ ok: false, error: { code: "Network", message: "" } }, t.leafletSaved);
    }
  }

  const saveLink = async () => {
    setBusy(true);
    setProblem(null);
    await finish(await callApi(base, { method: "PUT", body: { url }, schema: leafletLink }), t.leafletSaved);
  };
  const remove = async () => {
    setBusy(true);
    setProblem(null);
    await finish(await callApi(base, { method: "DELETE" }), t.leafletRemoved);
  };

  return (
    <fieldset
      className="flex flex-col gap-4 rounded-card border border-line bg-surface p-4 sm:p-5"
      lang={reader}
      data-testid={`leaflet-${locale}`}
    >
      <legend className="px-1 font-semibold">{fmt(t.leafletIn, { language })}</legend>
      <p data-testid="leaflet-current">
        {current ? (
          <>
            {current.url
              ? fmt(t.leafletLink, { url: displayText(current.url) })
              : fmt(t.leafletFile, { name: displayText(current.fileName ?? "") })}{" "}
            <a href={leafletHref(gtin, locale)} target="_blank" rel="noopener">
              {t.leafletOpen}
            </a>{" "}
            <Button variant="secondary" type="button" disabled={busy} onClick={remove}>
              {t.leafletRemove}
            </Button>
          </>
        ) : (
          t.leafletNone
        )}
      </p>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-file`}>{t.leafletChoose}</Label>
        <Input
          key={fileField}
          id={`${id}-file`}
          type="file"
          className="h-auto py-2"
          accept="application/pdf,.pdf"
          aria-invalid={fileNote && !fileNote.ok ? true : undefined}
          aria-describedby={`${id}-file-note`}
          onChange={(e) => void choose(e.target.files?.[0] ?? null)}
        />
        <small
          id={`${id}-file-note`}
          className={cn("text-sm", FIELD_TONE[fileNote ? (fileNote.ok ? "ok" : "bad") : "hint"])}
          aria-live="polite"
        >
          {fileNote?.text ?? ""}
        </small>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" disabled={busy || !file} onClick={upload}>
          {t.leafletUpload}
        </Button>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-url`}>{t.leafletUrl}</Label>
        <Input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          placeholder="https://"
          value={url}
          aria-invalid={linkProblem ? true : undefined}
          aria-describedby={`${id}-url-note`}
          onChange={(e) => setUrl(e.target.value)}
        />
        <small
          id={`${id}-url-note`}
          className={cn("text-sm", FIELD_TONE[linkProblem ? "bad" : "hint"])}
          aria-live="polite"
        >
          {linkProblem ?? ""}
        </small>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          type="button"
          disabled={busy || !typedUrl || linkProblem !== null}
          onClick={saveLink}
        >
          {t.leafletSaveLink}
        </Button>
      </div>
      <Outcome problem={problem} done={done} />
    </fieldset>
  );
}
