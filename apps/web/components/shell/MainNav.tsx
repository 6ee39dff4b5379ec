"use client";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import { currentHref, type NavItem } from "./nav";

/** The header's links in a row (768 px and wider), the current page marked for eyes and screen readers. */
export function MainNav({ items, label, className }: { items: NavItem[]; label: string; className?: string }) {
  const current = currentHref(usePathname() ?? "/", items);
  return (
    <nav aria-label={label} className={className}>
      <ul className="m-0 flex list-none items-center gap-1 p-0">
        {items.map((item) => (
          <li key={item.href}>
            <a
              href={item.href}
              aria-current={item.href === current ? "page" : undefined}
              className={cn(
                "inline-flex h-9 items-center rounded-control px-2.5 text-sm font-medium whitespace-nowrap text-muted no-underline outline-none hover:bg-sunken hover:text-ink focus-visible:ring-3 focus-visible:ring-ring",
                "aria-[current=page]:bg-brand-soft aria-[current=page]:text-brand",
              )}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
