import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ROLE } from "@tracemed/chain";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { StaffMenu } from "@/components/StaffMenu";
import { getI18n } from "@/lib/i18n/server";
import { publicChainConfig } from "@/lib/publicConfig";
import { getSession } from "@/lib/session/server";
import { Providers } from "@/lib/wallet/Providers";
import type { StaffView } from "@/lib/wallet/staff";
import "./globals.css";
// The staff lists' look; loaded here so that DataTable stays importable outside a bundler (tests).
import "@/components/table/DataTable.css";

export const metadata: Metadata = {
  title: "TraceMed — medicine custody ledger",
  description: "Every pack's journey from manufacturer to pharmacy, on a tamper-evident ledger.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, m } = await getI18n();
  // A database that is down must not take the consumer pages with it: staff just appear signed out.
  const session = await getSession().catch(() => null);
  const staff: StaffView | null = session
    ? {
        account: session.claims.account,
        organisation: session.organisation?.account ?? null,
        name: session.organisation?.name ?? null,
        roles: session.organisation?.roles ?? 0,
        permissions: session.organisation?.member.permissions ?? 0,
        suspended: session.organisation?.suspended ?? false,
        removed: session.removed,
      }
    : null;
  const has = (role: number) => staff !== null && (staff.roles & role) !== 0;
  const nav = [
    { href: "/", label: m.common.nav.verify, show: true },
    { href: "/scan", label: m.common.nav.scan, show: true },
    { href: "/batches", label: m.common.nav.batches, show: staff !== null },
    { href: "/manufacturer", label: m.common.nav.manufacturer, show: has(ROLE.MANUFACTURER) },
    { href: "/distributor", label: m.common.nav.distributor, show: has(ROLE.DISTRIBUTOR) },
    { href: "/pharmacy", label: m.common.nav.pharmacy, show: has(ROLE.PHARMACY) },
    { href: "/regulator", label: m.common.nav.regulator, show: has(ROLE.REGULATOR) },
    { href: "/regulator/council", label: m.org.councilPage.nav, show: has(ROLE.REGULATOR) },
    { href: "/members", label: m.org.members.nav, show: staff?.organisation != null },
  ];
  return (
    <html lang={locale}>
      <body>
        <a className="skip" href="#content">
          {m.common.skipToContent}
        </a>
        <Providers locale={locale} chain={await publicChainConfig()} staff={staff}>
          <header className="site">
            <a href="/" className="brand">
              {m.common.appName}
            </a>
            <nav aria-label={m.common.nav.label}>
              <ul>
                {nav
                  .filter((n) => n.show)
                  .map((n) => (
                    <li key={n.href}>
                      <a href={n.href}>{n.label}</a>
                    </li>
                  ))}
              </ul>
            </nav>
            <LanguageSwitch />
            <StaffMenu />
          </header>
          <div id="content">{children}</div>
        </Providers>
      </body>
    </html>
  );
}
