"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { callApi } from "@/components/manufacturer/api";
import { localiseApiError } from "@/components/manufacturer/errors";
import { Button } from "@/components/ui/button";

/** "Delete print files after printing", with a confirmation (the PINs cannot be printed again). */
export function DeletePrintFiles({ batchId, lot }: { batchId: string; lot: string }) {
  const { locale, m } = useI18n();
  const t = m.manufacturer.batch;
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function remove() {
    const r = await callApi(`/api/manufacturer/batches/${batchId}/labels`, { method: "DELETE" });
    if (!r.ok) return setProblem(localiseApiError(m, locale, r.error));
    setAsking(false);
    router.refresh();
  }

  return (
    <div>
      {asking ? (
        <div
          role="alertdialog"
          aria-labelledby="delete-files-q"
          className="flex max-w-xl flex-col gap-3 rounded-card border border-bad/40 bg-bad-soft p-4"
        >
          <p id="delete-files-q" className="m-0 font-semibold">
            {fmt(t.deleteConfirm, { lot })}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="danger" type="button" onClick={remove} data-testid="delete-print-files-confirm">
              {t.deleteYes}
            </Button>
            <Button variant="secondary" type="button" onClick={() => setAsking(false)}>
              {m.manufacturer.cancel}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" type="button" onClick={() => setAsking(true)} data-testid="delete-print-files">
          {t.deleteFiles}
        </Button>
      )}
      {problem ? (
        <p role="alert" className="m-0 font-medium text-bad">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
