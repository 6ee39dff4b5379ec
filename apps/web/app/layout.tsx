import { Pill } from "lucide-react";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { MainNav } from "@/components/shell/MainNav";
import { staffNav } from "@/components/shell/nav";
import { PhoneNav } from "@/components/shell/PhoneNav";
import { StaffMenu } from "@/components/shell/StaffMenu";
import { StaffNotices } from "@/components/shell/StaffNotices";
import { TimeZoneSync } from "@/components/shell/TimeZoneSync";
import { getI18n } from "@/lib/i18n/server";
import { publicChainConfig } from "@/lib/publicConfig";
import { dashboardFor } from "@/lib/session/dashboard";
import { getSession } from "@/lib/session/server";
import { Providers } from "@/lib/wallet/Providers";
import type { StaffView } from "@/lib/wallet/staff";
import "./globals.css";
// The staff lists' look; loaded here so that DataTable stays importable outside a bundler (tests).
import "@/components/table/DataTable.css";
import { PasskeySignIn } from "@/components/passkey/PasskeySignIn";

export const metadata: Metadata = {
  title: "TraceMed — medicine custody ledger",
  description: "Every pack's journey from manufacturer to pharmacy, on a tamper-evident ledger.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, m, timeZone } = await getI18n();
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
        passkeyCredential: session.claims.method === "passkey" ? (session.claims.credentialId ?? null) : null,
      }
    : null;
  const nav = staffNav(m, staff);
  const home = staff?.name ? dashboardFor(staff.roles) : "/";
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-canvas font-sans text-ink antialiased">
        <a
          className="absolute -left-[9999px] z-50 rounded-control bg-surface px-3 py-2 font-medium text-brand shadow focus:top-2 focus:left-2"
          href="#content"
        >
          {m.common.skipToContent}
        </a>
        <Providers locale={locale} timeZone={timeZone} chain={await publicChainConfig()} staff={staff}>
          <header className="sticky top-0 z-40 border-b border-line bg-surface/95 backdrop-blur supports-[backdrop-filter]:bg-surface/85">
            <div className="mx-auto flex h-14 w-full max-w-6xl items-center gap-2 px-4 sm:px-6 md:gap-4">
              <PhoneNav items={nav} className="md:hidden" />
              <a
                href={home}
                className="inline-flex h-10 shrink-0 items-center gap-2 rounded-control text-lg font-bold tracking-tight text-ink no-underline outline-none focus-visible:ring-3 focus-visible:ring-ring"
              >
                <span
                  aria-hidden="true"
                  className="inline-flex size-7 items-center justify-center rounded-lg bg-brand text-white"
                >
                  <Pill className="size-4" />
                </span>
                {m.common.appName}
                <span className="sr-only">{staff?.name ? m.shell.homeSuffix : m.shell.homeSuffixSignedOut}</span>
              </a>
              <MainNav items={nav} label={m.common.nav.label} className="hidden min-w-0 overflow-x-auto md:block" />
              <div className="ml-auto flex items-center gap-2">
                <LanguageSwitch className="max-md:hidden" />
                <StaffMenu passkey={<PasskeySignIn />} />
              </div>
            </div>
          </header>
          <TimeZoneSync />
          <StaffNotices />
          <div id="content">{children}</div>
        </Providers>
      </body>
    </html>
  );
}
