"use client";
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
    <p className="note" data-testid="missing-permit" data-permit={permit}>
      <span aria-hidden="true">🔒 </span>
      {missing}
    </p>
  ) : null;
}
