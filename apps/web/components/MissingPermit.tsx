"use client";
import { Lock } from "lucide-react";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { holds, type PermitName } from "@/lib/session/permits";
import { useStaff } from "@/lib/wallet/staff";

/**
 * The sentence that says which permission the signed-in member lacks for an action (null when it holds
 * it): pages disable the action and show this beside it, rather than let the ledger refuse it.
 */
export function useMissingPermit(permit: PermitName): string | null {
  const { m } = useI18n();
  const { staff } = useStaff();
  if (!staff || holds(staff.permissions, permit)) return null;
  return fmt(m.org.needPermit, { permit: m.org.permits[permit], name: staff.name ?? "" });
}

/** The missing permission, as a note beside the disabled action; nothing when the member holds it. */
export function MissingPermit({ permit }: { permit: PermitName }) {
  const missing = useMissingPermit(permit);
  return missing ? (
    <p className="my-2 flex items-start gap-1.5 text-sm text-muted" data-testid="missing-permit" data-permit={permit}>
      <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {missing}
    </p>
  ) : null;
}
