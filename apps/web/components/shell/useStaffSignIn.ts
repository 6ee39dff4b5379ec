"use client";
/**
 * Signing staff in and out from the header: connect a wallet (an injected one, or on the embedded chain a local
 * demo account), sign the EIP-4361 message, then land where the new organisation belongs. Choosing another demo
 * account while signed in is one step: the current session ends and the chosen account signs in.
 */
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { useConfig } from "wagmi";
import { connect, disconnect, getConnection, signMessage } from "wagmi/actions";
import { useI18n } from "@/lib/i18n/client";
import { signInRequest } from "@/lib/inputs/signIn";
import { postJson } from "@/lib/postJson";
import { landingAfterSignIn } from "@/lib/session/dashboard";
import { signInMessage } from "@/lib/session/signInMessage";
import { LOCAL_CONNECTOR_ID, selectLocalAccount, type LocalDemoAccount } from "@/lib/wallet/localAccounts";
import { useStaff } from "@/lib/wallet/staff";

/** The signed-in organisation's roles, as the server now sees the session (0 when the account is no member). */
async function sessionRoles(): Promise<number> {
  const res = await fetch("/api/auth/sign-in", { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as { session?: { organisation?: { roles?: number } } } | null;
  return body?.session?.organisation?.roles ?? 0;
}

/**
 * After any sign-in (wallet, demo account, passkey): stay on a staff page the organisation may use, else go to its
 * dashboard. `roles` when the caller knows them; asked of the server otherwise.
 */
export function useLandAfterSignIn(): (roles?: number) => Promise<void> {
  const router = useRouter();
  const pathname = usePathname() ?? "/";
  return async (roles) => {
    const target = landingAfterSignIn(pathname, roles ?? (await sessionRoles()));
    // A full load: a client navigation keeps the root layout as it was, header (signed out) included.
    if (target) window.location.assign(target);
    else router.refresh();
  };
}

export function useStaffSignIn(onSignedIn: () => void) {
  const { m } = useI18n();
  const w = m.common.wallet;
  const { chain, staff } = useStaff();
  const config = useConfig();
  const router = useRouter();
  const land = useLandAfterSignIn();
  /** the connector (or demo account address) being signed in with */
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  /** Connects `connectorId` (for the local connector: as `local`) and signs the sign-in message with it. */
  async function signInWith(connectorId: string, local?: LocalDemoAccount) {
    setBusy(local?.address ?? connectorId);
    setProblem(null);
    try {
      const connector = config.connectors.find((c) => c.id === connectorId);
      if (!connector) throw new Error(w.noInjected);
      // Switching: the current session ends first, so a refused sign-in never leaves the old one acting.
      if (staff) await postJson("/api/auth/sign-out").catch(() => undefined);
      if (getConnection(config).connector?.id !== connectorId || connectorId === LOCAL_CONNECTOR_ID) {
        if (getConnection(config).status === "connected") await disconnect(config).catch(() => undefined);
        // Chosen after the disconnect, which forgets the local account the previous session used.
        if (local) selectLocalAccount(local);
        await connect(config, { connector, chainId: chain.chainId });
      }
      const address = getConnection(config).address;
      if (!address) throw new Error(w.noInjected);
      const { nonce } = await postJson<{ nonce: string }>("/api/auth/nonce");
      const message = signInMessage({ url: chain.publicOrigin, address, nonce, chainId: chain.chainId });
      const signature = await signMessage(config, { message });
      await postJson("/api/auth/sign-in", { message, signature }, signInRequest);
      onSignedIn();
      await land(local?.roles);
    } catch (error) {
      setProblem((error as Error).message.split("\n")[0] ?? m.common.errors.unexpected);
      if (staff) router.refresh(); // the old session is gone: let the header say so
    } finally {
      setBusy(null);
    }
  }

  async function signOut() {
    await postJson("/api/auth/sign-out").catch(() => undefined);
    if (getConnection(config).connector?.id === LOCAL_CONNECTOR_ID) await disconnect(config).catch(() => undefined);
    router.refresh();
  }

  return { signInWith, signOut, busy, problem };
}
