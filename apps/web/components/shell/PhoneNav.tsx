"use client";
import { Menu } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { Button } from "@/components/ui/button";
import { Separator } from "@/components/ui/separator";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { cn } from "@/lib/cn";
import { useI18n } from "@/lib/i18n/client";
import { currentHref, type NavItem } from "./nav";

/** Below 768 px the header's links and the language switch live in a sheet behind a Menu button. */
export function PhoneNav({ items, className }: { items: NavItem[]; className?: string }) {
  const { m } = useI18n();
  const pathname = usePathname() ?? "/";
  const current = currentHref(pathname, items);
  const [open, setOpen] = useState(false);
  // A link followed inside the sheet closes it.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className={cn("-ml-2", className)} aria-label={m.shell.openMenu}>
          <Menu aria-hidden="true" className="size-6" />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" closeLabel={m.common.wallet.close} aria-describedby={undefined}>
        <SheetTitle>{m.shell.menu}</SheetTitle>
        <nav aria-label={m.common.nav.label}>
          <ul className="m-0 flex list-none flex-col gap-1 p-0">
            {items.map((item) => (
              <li key={item.href}>
                <a
                  href={item.href}
                  aria-current={item.href === current ? "page" : undefined}
                  className="flex min-h-tap items-center rounded-control px-3 text-base font-medium text-ink no-underline outline-none hover:bg-sunken focus-visible:ring-3 focus-visible:ring-ring aria-[current=page]:bg-brand-soft aria-[current=page]:text-brand"
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <Separator />
        <LanguageSwitch />
      </SheetContent>
    </Sheet>
  );
}
