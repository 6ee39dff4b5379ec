"use client";
import { TriangleAlert } from "lucide-react";
import { useConnection } from "wagmi";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { useStaff } from "@/lib/wallet/staff";

/**
 * Under the header, what a signed-in reader must know before acting: the account is no member (or was removed),
 * the organisation is suspended, or the wallet now holds another account than the one signed in.
 */
export function StaffNotices() {
  const { m } = useI18n();
  const w = m.common.wallet;
  const { staff } = useStaff();
  const connection = useConnection();
  if (!staff) return null;
  const mismatch = connection.address && connection.address.toLowerCase() !== staff.account.toLowerCase();
  const notices: { key: string; text: string; testid?: string }[] = [];
  if (!staff.name)
    notices.push({
      key: "member",
      text: staff.removed ? m.org.refused.MemberRemoved : fmt(w.notMember, { account: staff.account }),
    });
  if (staff.name && staff.suspended)
    notices.push({
      key: "suspended",
      text: fmt(m.common.staffRefused.OrganisationSuspended, { name: staff.name }),
      testid: "staff-suspended",
    });
  if (mismatch) notices.push({ key: "wallet", text: w.wrongAccount });
  if (notices.length === 0) return null;
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-2 px-4 pt-3 sm:px-6">
      {notices.map((n) => (
        <Alert key={n.key} tone="warn" role="alert" data-testid={n.testid}>
          <TriangleAlert aria-hidden="true" />
          <AlertDescription>{n.text}</AlertDescription>
        </Alert>
      ))}
    </div>
  );
}
