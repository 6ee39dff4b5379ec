import { CircleCheck, CircleX, Info, TriangleAlert, type LucideIcon } from "lucide-react";
import type { ComponentProps } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";

const ICON: Record<"info" | "ok" | "warn" | "bad", LucideIcon> = {
  info: Info,
  ok: CircleCheck,
  warn: TriangleAlert,
  bad: CircleX,
};

/**
 * A sentence on a staff page that must not be missed (the kit's Alert with the icon of its tone): a
 * warning, a problem, news of something done, or information. Its role is the caller's.
 */
export function Notice({
  tone = "warn",
  icon,
  children,
  ...props
}: Omit<ComponentProps<typeof Alert>, "tone"> & { tone?: keyof typeof ICON; icon?: LucideIcon }) {
  const Icon = icon ?? ICON[tone];
  return (
    <Alert tone={tone} {...props}>
      <Icon aria-hidden="true" />
      <AlertDescription>{children}</AlertDescription>
    </Alert>
  );
}
