import { CustodyDashboard } from "@/components/custody/CustodyTables";

export const dynamic = "force-dynamic";

/** A distributor's day: stock, what is arriving, what went out, and the latest events. */
export default function DistributorPage() {
  return <CustodyDashboard role="DISTRIBUTOR" />;
}
