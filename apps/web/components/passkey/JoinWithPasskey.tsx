"use client";
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { Fingerprint } from "lucide-react";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { postJson } from "@/lib/postJson";
import { passkeyProblem } from "./problem";

/** Creates the invitation's passkey on this device, then says what comes next and shows the matching code. */
export function JoinWithPasskey({ token }: { token: string }) {
  const { m } = useI18n();
  const t = m.passkey.join;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ code: string } | null>(null);

  async function create() {
    setBusy(true);
    setProblem(null);
    try {
      const path = `/api/join/${encodeURIComponent(token)}`;
      const { options } = await postJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(`${path}/options`);
      const response = await startRegistration({ optionsJSON: options });
      setDone(await postJson<{ code: string }>(path, { response }));
    } catch (error) {
      setProblem(passkeyProblem(error, m));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <Alert tone="ok" role="status" data-testid="join-done">
        <AlertTitle>{t.done}</AlertTitle>
        <AlertDescription>
          <p data-testid="join-code" data-code={done.code}>
            {fmt(t.code, { code: done.code })}
          </p>
        </AlertDescription>
      </Alert>
    );
  return (
    <>
      <p className="m-0 text-sm text-muted">{t.how}</p>
      <Button size="lg" onClick={() => void create()} disabled={busy} data-testid="join-create">
        <Fingerprint aria-hidden="true" />
        {busy ? t.creating : t.create}
      </Button>
      {problem ? (
        <Alert tone="bad" role="alert" data-testid="join-problem">
          <AlertDescription>{problem}</AlertDescription>
        </Alert>
      ) : null}
    </>
  );
}
