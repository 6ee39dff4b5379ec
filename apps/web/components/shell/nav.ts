/** The header's links: what everyone may open, then the signed-in organisation's own pages by its roles. */
import { PERMIT, ROLE } from "@tracemed/chain";
import type { Messages } from "@/lib/i18n/messages";
import type { StaffView } from "@/lib/wallet/staff";

export interface NavItem {
  href: string;
  label: string;
}

export function staffNav(m: Messages, staff: StaffView | null): NavItem[] {
  const has = (role: number) => staff !== null && (staff.roles & role) !== 0;
  const items: (NavItem & { show: boolean })[] = [
    { href: "/", label: m.common.nav.verify, show: true },
    { href: "/scan", label: m.common.nav.scan, show: true },
    { href: "/batches", label: m.common.nav.batches, show: staff !== null },
    { href: "/manufacturer", label: m.common.nav.manufacturer, show: has(ROLE.MANUFACTURER) },
    { href: "/distributor", label: m.common.nav.distributor, show: has(ROLE.DISTRIBUTOR) },
    { href: "/pharmacy", label: m.common.nav.pharmacy, show: has(ROLE.PHARMACY) },
    { href: "/pack", label: m.custody.pack.nav, show: has(ROLE.MANUFACTURER) || has(ROLE.DISTRIBUTOR) },
    { href: "/regulator", label: m.common.nav.regulator, show: has(ROLE.REGULATOR) },
    { href: "/regulator/council", label: m.org.councilPage.nav, show: has(ROLE.REGULATOR) },
    { href: "/members", label: m.org.members.nav, show: staff?.organisation != null },
    // Machine clients and webhooks: what an organisation's administrators connect its own systems with.
    {
      href: "/integrations",
      label: m.machine.nav,
      show: staff?.organisation != null && (staff.permissions & PERMIT.ADMIN) !== 0,
    },
  ];
  return items.filter((i) => i.show).map(({ href, label }) => ({ href, label }));
}

/** The item the reader is on: the longest href that is `pathname` or a folder above it (none for a stray page). */
export function currentHref(pathname: string, items: NavItem[]): string | null {
  let best: string | null = null;
  for (const { href } of items) {
    const match = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
    if (match && (best === null || href.length > best.length)) best = href;
  }
  return best;
}
