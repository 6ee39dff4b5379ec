"use client";
/**
 * Who is signed in, in the header: signed out, a "Staff sign-in" button; signed in, the account menu (who,
 * organisation, roles, permissions, dashboard, switch account, sign out). Both open the one sign-in panel.
 */
import { roleNames } from "@tracemed/chain";
import { ArrowLeftRight, ChevronDown, LayoutDashboard, LogIn, LogOut } from "lucide-react";
import { useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Popover, PopoverAnchor, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { shortHex } from "@/lib/format";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { dashboardFor } from "@/lib/session/dashboard";
import { permitNames } from "@/lib/session/permits";
import { useStaff } from "@/lib/wallet/staff";
import { SignInPanel } from "./SignInPanel";
import { useStaffSignIn } from "./useStaffSignIn";

/** Up to two letters for the account's badge: the organisation's initials. */
function initials(name: string): string {
  const words = name.split(/[\s,.()（）]+/u).filter((x) => /^\p{L}/u.test(x));
  if (words.length === 0) return "?";
  if (/^\p{Script=Han}/u.test(words[0]!)) return words[0]!.slice(0, 2);
  return words
    .slice(0, 2)
    .map((x) => x[0]!.toUpperCase())
    .join("");
}

export function StaffMenu({ passkey }: { passkey?: ReactNode }) {
  const { locale, m } = useI18n();
  const t = m.shell;
  const { staff } = useStaff();
  const [open, setOpen] = useState(false);
  const switching = useRef(false);
  const signIn = useStaffSignIn(() => setOpen(false));
  const list = (words: string[]) => words.join(locale === "zh-CN" ? "、" : ", ");
  const name = staff?.name ?? (staff ? shortHex(staff.account) : "");

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverAnchor asChild>
        <div className="flex items-center">
          {staff ? (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" className="h-10 max-w-[14rem] gap-2 px-1.5 sm:px-2" data-testid="signed-in">
                  {/* The initials are drawn, not written: the button's name is the organisation's, as seen. */}
                  <span
                    aria-hidden="true"
                    data-initials={staff.name ? initials(staff.name) : "?"}
                    className="inline-flex size-8 shrink-0 items-center justify-center rounded-full bg-brand text-xs font-bold text-white before:content-[attr(data-initials)]"
                  />
                  <span className="sr-only">{t.account.open} </span>
                  <span className="truncate max-sm:sr-only">{name}</span>
                  <span className="sr-only" data-testid="signed-in-member" data-account={staff.account}>
                    {fmt(m.common.wallet.member, { account: shortHex(staff.account) })}
                  </span>
                  <ChevronDown aria-hidden="true" className="text-muted max-sm:hidden" />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent
                onCloseAutoFocus={(e) => {
                  // "Switch account" hands focus to the sign-in panel instead of back to the trigger.
                  if (switching.current) e.preventDefault();
                  switching.current = false;
                }}
              >
                <DropdownMenuLabel>
                  <dl className="m-0 grid gap-1.5 text-sm">
                    <div>
                      <dt className="text-xs text-muted">{t.account.organisation}</dt>
                      <dd className="m-0 font-semibold">{staff.name ?? "—"}</dd>
                    </div>
                    {staff.name ? (
                      <>
                        <div>
                          <dt className="text-xs text-muted">{t.account.roles}</dt>
                          <dd className="m-0">{list(roleNames(staff.roles).map((r) => m.common.roles[r]))}</dd>
                        </div>
                        <div>
                          <dt className="text-xs text-muted">{t.account.permissions}</dt>
                          <dd className="m-0">{list(permitNames(staff.permissions).map((p) => m.org.permits[p]))}</dd>
                        </div>
                      </>
                    ) : null}
                    <div>
                      <dt className="text-xs text-muted">{t.account.memberKey}</dt>
                      <dd className="m-0 font-mono text-xs" title={staff.account}>
                        {shortHex(staff.account)}
                      </dd>
                    </div>
                  </dl>
                </DropdownMenuLabel>
                <DropdownMenuSeparator />
                {staff.name ? (
                  <DropdownMenuItem asChild>
                    <a href={dashboardFor(staff.roles)}>
                      <LayoutDashboard aria-hidden="true" />
                      {t.account.dashboard}
                    </a>
                  </DropdownMenuItem>
                ) : null}
                <DropdownMenuItem
                  onSelect={() => {
                    switching.current = true;
                    setOpen(true);
                  }}
                >
                  <ArrowLeftRight aria-hidden="true" />
                  {t.account.switch}
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={() => void signIn.signOut()}>
                  <LogOut aria-hidden="true" />
                  {t.account.signOut}
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          ) : (
            <PopoverTrigger asChild>
              <Button size="sm" className="h-9">
                <LogIn aria-hidden="true" />
                {t.signIn.title}
              </Button>
            </PopoverTrigger>
          )}
        </div>
      </PopoverAnchor>
      <PopoverContent aria-label={t.signIn.title} className="w-[min(26rem,calc(100vw-1rem))]">
        <SignInPanel signIn={signIn} passkey={passkey} />
      </PopoverContent>
    </Popover>
  );
}
