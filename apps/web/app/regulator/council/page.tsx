import { accessManagerAbi, COUNCIL_ROLE, councilQuorumAbi } from "@tracemed/chain";
import { SignInNotice } from "@/components/SignInNotice";
import { councilOperations } from "@/lib/council/operations";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import { council, ledger, publicClient, quorum } from "@/lib/ledger";
import { pageStaff } from "@/lib/session/server";
import { CouncilOperations } from "./CouncilOperations";
import { Page } from "@/components/Page";
import { Notice } from "@/components/Notice";

export const dynamic = "force-dynamic";

/** The council's delay and whether `account` sits on it, read from the AccessManager itself. */
async function councilSeat(address: `0x${string}` | undefined, account: `0x${string}`) {
  if (!address) return { member: false, delaySeconds: null };
  const [seat, grantDelay] = await Promise.all([
    publicClient
      .readContract({ address, abi: accessManagerAbi, functionName: "hasRole", args: [COUNCIL_ROLE, account] })
      .catch(() => null),
    publicClient
      .readContract({ address, abi: accessManagerAbi, functionName: "getRoleGrantDelay", args: [COUNCIL_ROLE] })
      .catch(() => null),
  ]);
  return { member: seat?.[0] ?? false, delaySeconds: seat?.[0] ? seat[1] : (grantDelay ?? null) };
}

/** How many approvals (the proposer's included) execute a proposal at once, or null without a quorum. */
async function quorumThreshold(address: `0x${string}` | undefined): Promise<number | null> {
  if (!address) return null;
  return publicClient.readContract({ address, abi: councilQuorumAbi, functionName: "threshold" }).catch(() => null);
}

/** A delay in words: "48 h", "2 min", "30 s". */
function delayWords(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** The regulator council: what waits, what may be executed, and what was executed or cancelled. */
export default async function CouncilPage() {
  const { session, organisation } = await pageStaff("REGULATOR");
  if (!organisation) return <SignInNotice role="REGULATOR" session={session} />;
  const { m } = await getI18n();
  const t = m.org.councilPage;
  const [deployment, address, quorumAddress] = await Promise.all([ledger(), council(), quorum()]);
  const me = organisation.member.account as `0x${string}`;
  const [ops, seat, threshold] = await Promise.all([
    councilOperations(db(), m, deployment?.address ?? ""),
    councilSeat(address, me),
    quorumThreshold(quorumAddress),
  ]);
  return (
    <Page title={t.title} lede={fmt(t.lede, { delay: delayWords(seat.delaySeconds) })}>
      <div data-testid="council-page" data-council={address ?? ""}>
        {seat.member ? null : (
          <Notice role="note" data-testid="council-not-member">
            {t.notCouncil}
          </Notice>
        )}
        {threshold === null ? null : <p className="mb-6 max-w-3xl text-muted">{fmt(t.quorumNote, { threshold })}</p>}
        <CouncilOperations operations={ops} me={me} canAct={seat.member} threshold={threshold} />
      </div>
    </Page>
  );
}
