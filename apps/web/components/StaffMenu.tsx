"use client";
/**
 * Staff identity in the header: connect a wallet (an injected one, or on the embedded chain a
 * local demo account), sign in with it (EIP-4361), see who you are, sign out.
 */
import { signInRequest } from "@/lib/inputs/signIn";
import { postJson } from "@/lib/postJson";
import { roleNames } from "@tracemed/chain";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useConfig, useConnection } from "wagmi";
import { connect, disconnect, getConnection, signMessage } from "wagmi/actions";
import { shortHex } from "@/lib/format";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { signInMessage } from "@/lib/session/signInMessage";
import { LOCAL_CONNECTOR_ID, selectLocalAccount, type LocalDemoAccount } from "@/lib/wallet/localAccounts";
import { useStaff } from "@/lib/wallet/staff";
import { permitNames } from "@/lib/session/permits";
import { PasskeySignIn } from "@/components/passkey/PasskeySignIn";

export function StaffMenu() {
  const { locale, m } = useI18n();
  const w = m.common.wallet;
  const { chain, staff } = useStaff();
  const config = useConfig();
  const connection = useConnection();
  const router = useRouter();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [locals, setLocals] = useState<LocalDemoAccount[] | null>(null);

  useEffect(() => {
    if (!open || !chain.localDemoAccounts || locals) return;
    fetch("/api/dev/accounts")
      .then((r) => (r.ok ? r.json() : { accounts: [] }))
      .then((b: { accounts: LocalDemoAccount[] }) => setLocals(b.accounts))
      .catch(() => setLocals([]));
  }, [open, chain.localDemoAccounts, locals]);

  const roleList = (roles: number) =>
    roleNames(roles)
      .map((r) => m.common.roles[r])
      .join(locale === "zh-CN" ? "、" : ", ");

  const permitList = (bits: number) =>
    permitNames(bits)
      .map((p) => m.org.permits[p])
      .join(locale === "zh-CN" ? "、" : ", ");

  /** Connects `connectorId` (for the local connector: as `local`) and signs the sign-in message with it. */
  async function signInWith(connectorId: string, local?: LocalDemoAccount) {
    setBusy(true);
    setProblem(null);
    try {
      const connector = config.connectors.find((c) => c.id === connectorId);
      if (!connector) throw new Error(w.noInjected);
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
      setOpen(false);
      router.refresh();
    } catch (error) {
      setProblem((error as Error).message.split("\n")[0] ?? m.common.errors.unexpected);
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    await postJson("/api/auth/sign-out").catch(() => undefined);
    if (connection.connector?.id === LOCAL_CONNECTOR_ID) await disconnect(config).catch(() => undefined);
    router.refresh();
  }

  const mismatch = staff && connection.address && connection.address.toLowerCase() !== staff.account.toLowerCase();

  return (
    <div className="staff-menu">
      {staff ? (
        <div className="staff-who" data-testid="signed-in">
          <span>{fmt(w.signedInAs, { name: staff.name ?? staff.account })}</span>
          {staff.name ? <small>{fmt(w.roles, { roles: roleList(staff.roles) })}</small> : null}
          {staff.name ? (
            <small data-testid="signed-in-member" data-account={staff.account}>
              {fmt(w.member, { account: shortHex(staff.account) })}
            </small>
          ) : null}
          {staff.name ? null : (
            <small role="alert">
              {staff.removed ? m.org.refused.MemberRemoved : fmt(w.notMember, { account: staff.account })}
            </small>
          )}
          {staff.name && staff.suspended ? (
            <small role="alert" data-testid="staff-suspended">
              {fmt(m.common.staffRefused.OrganisationSuspended, { name: staff.name })}
            </small>
          ) : null}
          {mismatch ? <small role="alert">{w.wrongAccount}</small> : null}
          <button type="button" className="link" onClick={signOut}>
            {w.signOut}
          </button>
        </div>
      ) : null}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className={staff ? "link" : undefined}
      >
        {staff ? w.switch : w.connect}
      </button>
      {open ? (
        <div id={panelId} className="staff-panel" role="dialog" aria-label={w.connect}>
          <PasskeySignIn onSignedIn={() => (setOpen(false), router.refresh())} />
          <button type="button" disabled={busy} onClick={() => signInWith("injected")}>
            {w.connectInjected}
          </button>
          {chain.localDemoAccounts ? (
            <section aria-label={w.localAccounts}>
              <h2>{w.localAccounts}</h2>
              <p className="note">{w.localAccountsNote}</p>
              <ul className="local-accounts">
                {(locals ?? []).map((a) => (
                  <li key={a.address}>
                    <button type="button" disabled={busy} onClick={() => void signInWith(LOCAL_CONNECTOR_ID, a)}>
                      {a.founding
                        ? fmt(w.actAs, { name: a.name })
                        : fmt(w.actAsMember, { name: a.name, account: shortHex(a.address, 4) })}
                    </button>
                    <small>
                      {roleList(a.roles)} · {permitList(a.permissions)}
                    </small>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {busy ? <p role="status">{w.signingIn}</p> : null}
          {problem ? <p role="alert">{problem}</p> : null}
          <button type="button" className="link" onClick={() => setOpen(false)}>
            {w.close}
          </button>
        </div>
      ) : null}
    </div>
  );
}
