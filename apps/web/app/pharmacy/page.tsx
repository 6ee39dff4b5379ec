import { CustodyDashboard } from "@/components/custody/CustodyTables";
import "@/components/scan/custody.css";

export const dynamic = "force-dynamic";

/** A pharmacy's overview: stock, deliveries on the way, recent dispenses and events. */
export default function PharmacyPage() {
  return <CustodyDashboard role="PHARMACY" />;
}
