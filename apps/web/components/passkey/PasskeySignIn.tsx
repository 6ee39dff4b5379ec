"use client";
/**
 * Sign-in with a passkey (a discoverable credential: nothing to type or choose first). The server checks the
 * assertion against the stored public key and sets the same staff session as a wallet sign-in. On a public origin
 * that is an IP address browsers refuse passkeys: the button stays off and says why.
 */
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { passkeysPossible } from "@tracemed/config/publicOrigin";
import { Fingerprint } from "lucide-react";
import { useState } from "react";
import { useConfig } from "wagmi";
import { disconnect, getConnection } from "wagmi/actions";
import { useLandAfterSignIn } from "@/components/shell/useStaffSignIn";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { passkeySignInRequest } from "@/lib/inputs/passkey";
import { postJson } from "@/lib/postJson";
import { useStaff } from "@/lib/wallet/staff";
import { passkeyProblem } from "./problem";

export function PasskeySignIn({ onSignedIn }: { onSignedIn?: (session: { account: string }) => void }) {
  const { m } = useI18n();
  const t = m.passkey.signIn;
  const { chain } = useStaff();
  const config = useConfig();
  const land = useLandAfterSignIn();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const possible = passkeysPossible(chain.publicOrigin);

  async function signIn() {
    setBusy(true);
    setProblem(null);
    try {
      const { options } = await postJson<{ options: PublicKeyCredentialRequestOptionsJSON }>(
        "/api/auth/passkey/options",
      );
      const response = await startAuthentication({ optionsJSON: options });
      const session = await postJson<{ account: string }>("/api/auth/passkey", { response }, passkeySignInRequest);
      // A wallet connected before would sign nothing now: the passkey is who signs this session's writes.
      if (getConnection(config).status === "connected") await disconnect(config).catch(() => undefined);
      if (onSignedIn) onSignedIn(session);
      // Its dashboard, or the staff page it was on.
      else await land();
    } catch (error) {
      setProblem(passkeyProblem(error, m));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-1.5" data-testid="passkey-sign-in">
      <Button
        size="lg"
        onClick={() => void signIn()}
        disabled={busy || !possible}
        aria-describedby="passkey-sign-in-hint"
        data-testid="passkey-sign-in-button"
      >
        <Fingerprint aria-hidden="true" />
        {busy ? t.busy : t.button}
      </Button>
      <p id="passkey-sign-in-hint" className="m-0 text-sm text-muted" data-testid="passkey-sign-in-hint">
        {possible ? t.hint : fmt(t.off, { host: new URL(chain.publicOrigin).host })}
      </p>
      {problem ? (
        <p role="alert" className="m-0 text-sm text-bad" data-testid="passkey-sign-in-problem">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
