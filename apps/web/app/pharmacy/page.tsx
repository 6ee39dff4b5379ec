import { CustodyDashboard } from "@/components/custody/CustodyTables";

export const dynamic = "force-dynamic";

/** A pharmacy's overview: stock, deliveries on the way, recent dispenses and events. */
export default function PharmacyPage() {
  return <CustodyDashboard role="PHARMACY" />;
}
