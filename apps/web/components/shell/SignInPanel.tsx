"use client";
/**
 * The sign-in panel: a passkey first (the phone or laptop the member already has), then a browser wallet, then on
 * the embedded chain the demo organisations' published accounts, each one click from acting as it.
 */
import { roleNames } from "@tracemed/chain";
import { Check, KeyRound, Loader2, Wallet } from "lucide-react";
import { useEffect, useState, type ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Separator } from "@/components/ui/separator";
import { Skeleton } from "@/components/ui/skeleton";
import { shortHex } from "@/lib/format";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { permitNames } from "@/lib/session/permits";
import { LOCAL_CONNECTOR_ID, type LocalDemoAccount } from "@/lib/wallet/localAccounts";
import { useStaff } from "@/lib/wallet/staff";
import type { useStaffSignIn } from "./useStaffSignIn";

const sectionHead = "m-0 flex items-center gap-2 text-sm font-semibold text-ink [&_svg]:size-4 [&_svg]:text-muted";

/** `heading`: whether the panel names itself (not on a page whose title already does). */
export function SignInPanel({
  signIn,
  passkey,
  heading = true,
}: {
  signIn: ReturnType<typeof useStaffSignIn>;
  passkey?: ReactNode;
  heading?: boolean;
}) {
  const { locale, m } = useI18n();
  const w = m.common.wallet;
  const t = m.shell.signIn;
  const { chain, staff } = useStaff();
  const [locals, setLocals] = useState<LocalDemoAccount[] | null>(null);
  const list = (words: string[]) => words.join(locale === "zh-CN" ? "、" : ", ");

  useEffect(() => {
    if (!chain.localDemoAccounts || locals) return;
    fetch("/api/dev/accounts")
      .then((r) => (r.ok ? r.json() : { accounts: [] }))
      .then((b: { accounts: LocalDemoAccount[] }) => setLocals(b.accounts))
      .catch(() => setLocals([]));
  }, [chain.localDemoAccounts, locals]);

  const busy = signIn.busy !== null;
  // The sections sit one level under the panel's own heading, or under the page's h1.
  const Section = heading ? "h3" : "h2";
  const choosing = locals?.find((a) => a.address === signIn.busy);
  return (
    <div className="flex flex-col gap-4">
      {heading ? (
        <div>
          <h2 className="m-0 text-base font-semibold">{t.title}</h2>
          <p className="m-0 text-sm text-muted">{t.lede}</p>
        </div>
      ) : null}
      {passkey ? (
        <section aria-label={t.passkey} className="m-0 flex flex-col gap-2">
          <Section className={sectionHead}>
            <KeyRound aria-hidden="true" />
            {t.passkey}
          </Section>
          {passkey}
        </section>
      ) : null}
      <section aria-label={t.wallet} className="m-0 flex flex-col gap-2">
        <Section className={sectionHead}>
          <Wallet aria-hidden="true" />
          {t.wallet}
        </Section>
        <Button variant="secondary" disabled={busy} onClick={() => void signIn.signInWith("injected")}>
          {signIn.busy === "injected" ? <Loader2 aria-hidden="true" className="motion-safe:animate-spin" /> : null}
          {w.connectInjected}
        </Button>
      </section>
      {chain.localDemoAccounts ? (
        <section aria-label={t.demo} className="m-0 flex flex-col gap-2">
          <Separator />
          <Section className={sectionHead}>{t.demo}</Section>
          <p className="m-0 text-xs text-muted">{t.demoNote}</p>
          {locals === null ? (
            <div className="flex flex-col gap-2" role="status" aria-label={t.loading}>
              <Skeleton className="h-12" />
              <Skeleton className="h-12" />
            </div>
          ) : (
            <ul className="m-0 flex list-none flex-col gap-1 p-0">
              {locals.map((a) => {
                const current = staff?.account.toLowerCase() === a.address.toLowerCase();
                const working = signIn.busy === a.address;
                return (
                  <li key={a.address}>
                    <button
                      type="button"
                      disabled={busy}
                      aria-current={current ? "true" : undefined}
                      onClick={() => void signIn.signInWith(LOCAL_CONNECTOR_ID, a)}
                      className="flex min-h-tap w-full cursor-pointer items-start gap-2 rounded-control border border-transparent px-2.5 py-2 text-left outline-none hover:border-line hover:bg-sunken focus-visible:ring-3 focus-visible:ring-ring disabled:cursor-wait disabled:opacity-60 aria-[current=true]:border-brand/40 aria-[current=true]:bg-brand-soft"
                    >
                      <span className="flex min-w-0 flex-1 flex-col">
                        <span className="text-sm font-medium text-ink">
                          {a.founding
                            ? fmt(w.actAs, { name: a.name })
                            : fmt(w.actAsMember, { name: a.name, account: shortHex(a.address, 4) })}
                        </span>
                        <span className="text-xs text-muted">
                          {list(roleNames(a.roles).map((r) => m.common.roles[r]))} ·{" "}
                          {list(permitNames(a.permissions).map((p) => m.org.permits[p]))}
                        </span>
                      </span>
                      {working ? (
                        <Loader2 aria-hidden="true" className="mt-0.5 size-4 shrink-0 motion-safe:animate-spin" />
                      ) : current ? (
                        <Check aria-label={t.current} className="mt-0.5 size-4 shrink-0 text-brand" />
                      ) : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}
      {busy ? (
        <p role="status" className="m-0 text-sm text-muted">
          {choosing ? fmt(t.switching, { name: choosing.name }) : w.signingIn}
        </p>
      ) : null}
      {signIn.problem ? (
        <Alert tone="bad" role="alert">
          <AlertDescription>{signIn.problem}</AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
