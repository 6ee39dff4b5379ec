"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider } from "wagmi";
import { I18nProvider } from "@/lib/i18n/client";
import type { Locale } from "@/lib/i18n/locales";
import { wagmiConfig, type PublicChainConfig } from "./config";
import { StaffContext, type StaffView } from "./staff";

/** Everything client components share: language, network, wallet, and who is signed in. */
export function Providers(props: {
  locale: Locale;
  timeZone?: string;
  chain: PublicChainConfig;
  staff: StaffView | null;
  children: ReactNode;
}) {
  const [config] = useState(() =>
    wagmiConfig(props.chain, typeof window === "undefined" ? "http://localhost" : window.location.origin),
  );
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1 } } }));
  const inner = (
    <StaffContext.Provider value={{ chain: props.chain, staff: props.staff }}>{props.children}</StaffContext.Provider>
  );
  return (
    <I18nProvider locale={props.locale} timeZone={props.timeZone}>
      <QueryClientProvider client={queryClient}>
        <WagmiProvider config={config}>{inner}</WagmiProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
