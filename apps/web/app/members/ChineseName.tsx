"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { displayText } from "@tracemed/codes/browser";
import { callApi } from "@/components/manufacturer/api";
import { localiseApiError } from "@/components/manufacturer/errors";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { MAX_NAME_ZH, organisationProfile } from "@/lib/inputs/organisation";
import { checkInput } from "@/lib/inputs/refusal";

/**
 * The organisation's name in Chinese (off the ledger): administrators set or clear it, checked as typed;
 * other members read it.
 */
export function ChineseName({ name, nameZh, admin }: { name: string; nameZh: string | null; admin: boolean }) {
  const { locale, m } = useI18n();
  const t = m.org.members;
  const router = useRouter();
  const id = useId();
  const [typed, setTyped] = useState(nameZh ?? "");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const shown = displayText(name);
  const checked = checkInput(organisationProfile, { nameZh: typed });
  const typedProblem = checked.ok ? null : localiseApiError(m, locale, checked.error);

  async function save(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setDone(null);
    setBusy(true);
    const r = await callApi<{ profile: { nameZh: string | null } }>("/api/organisation/profile", {
      method: "PUT",
      body: { nameZh: typed },
      schema: organisationProfile,
    });
    setBusy(false);
    if (!r.ok) return setProblem(localiseApiError(m, locale, r.error));
    const saved = r.data.profile.nameZh;
    setDone(saved ? fmt(t.nameZhSaved, { nameZh: displayText(saved) }) : fmt(t.nameZhRemoved, { name: shown }));
    router.refresh();
  }

  return (
    <Card aria-labelledby={`${id}-h`} data-testid="organisation-name-zh" className="mb-6" role="region">
      <CardTitle id={`${id}-h`}>{t.nameZhTitle}</CardTitle>
      {admin ? (
        <form onSubmit={save} className="flex flex-col gap-3" noValidate>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-zh`}>{fmt(t.nameZh, { name: shown })}</Label>
            <Input
              id={`${id}-zh`}
              name="nameZh"
              lang="zh-CN"
              value={typed}
              maxLength={MAX_NAME_ZH + 20}
              aria-invalid={typedProblem ? true : undefined}
              aria-describedby={`${id}-zh-hint`}
              onChange={(e) => setTyped(e.target.value)}
            />
            <span
              id={`${id}-zh-hint`}
              className={typedProblem ? "text-sm text-bad" : "text-sm text-muted"}
              aria-live="polite"
            >
              {typedProblem ?? fmt(t.nameZhHint, { name: shown })}
            </span>
          </div>
          <div>
            <Button type="submit" disabled={busy || typedProblem !== null}>
              {t.nameZhSave}
            </Button>
          </div>
          {problem ? (
            <Alert tone="bad" role="alert">
              <AlertDescription>{problem}</AlertDescription>
            </Alert>
          ) : null}
          {done ? (
            <Alert tone="ok" role="status">
              <AlertDescription>{done}</AlertDescription>
            </Alert>
          ) : null}
        </form>
      ) : (
        <p lang={nameZh ? "zh-CN" : undefined}>{nameZh ? displayText(nameZh) : fmt(t.nameZhNone, { name: shown })}</p>
      )}
    </Card>
  );
}
