import type { Address, Hex, PublicClient } from "viem";
import { custodyLedgerAbi } from "./generated/custodyLedger";
import type { LedgerDeployment } from "./deployments";
import { BATCH_STATUS, roleNames, type BatchStatus, type RoleName } from "./roles";
import { bytes2ToCountry } from "./ids";

export interface OrganisationView {
  account: Address;
  name: string;
  roles: RoleName[];
  gln: string;
  country: string;
  suspended: boolean;
}

export interface HolderView {
  account: Address;
  name: string;
  held: bigint;
  dispensed: bigint;
  writtenOff: bigint;
}

export interface BatchView {
  batchId: Hex;
  gtin: string;
  lot: string;
  expiresAt: Date;
  packCount: number;
  status: BatchStatus;
  manufacturer: Address;
  holders: HolderView[];
  inTransit: bigint;
  recallReason?: string;
}

/**
 * Reads the whole network straight from the chain: organisations, batches, who holds how much of
 * each and what is in transit. It replays the ledger's events from its deployment block and reads
 * current balances, so it needs no database (the indexer replaces it for large networks).
 */
export async function readNetwork(
  client: PublicClient,
  ledger: LedgerDeployment,
): Promise<{ organisations: OrganisationView[]; batches: BatchView[] }> {
  const base = { address: ledger.address, abi: custodyLedgerAbi, fromBlock: BigInt(ledger.deployedOnBlock) } as const;
  const [onboarded, commissioned, shipped, received, voided, recalled] = await Promise.all([
    client.getContractEvents({ ...base, eventName: "OrganisationOnboarded" }),
    client.getContractEvents({ ...base, eventName: "BatchCommissioned" }),
    client.getContractEvents({ ...base, eventName: "BatchShipped" }),
    client.getContractEvents({ ...base, eventName: "ShipmentReceived" }),
    client.getContractEvents({ ...base, eventName: "ShipmentVoided" }),
    client.getContractEvents({ ...base, eventName: "BatchRecalled" }),
  ]);
  const read = <T>(functionName: string, args: readonly unknown[]) =>
    client.readContract({ address: ledger.address, abi: custodyLedgerAbi, functionName, args } as never) as Promise<T>;

  const organisations = await Promise.all(
    onboarded.map(async (e): Promise<OrganisationView> => {
      const account = e.args.account!;
      const [org, name] = await Promise.all([
        read<{ roles: number; suspended: boolean; gln: bigint; country: Hex }>("organisation", [account]),
        read<string>("organisationName", [account]),
      ]);
      return {
        account,
        name,
        roles: roleNames(org.roles),
        gln: org.gln.toString().padStart(13, "0"),
        country: bytes2ToCountry(org.country),
        suspended: org.suspended,
      };
    }),
  );
  const nameOf = new Map(organisations.map((o) => [o.account.toLowerCase(), o.name]));

  const closed = new Set([...received, ...voided].map((e) => e.args.shipmentId));
  const batches = await Promise.all(
    commissioned.map(async (e): Promise<BatchView> => {
      const batchId = e.args.batchId!;
      const candidates = new Set<Address>([e.args.manufacturer!]);
      for (const r of received) if (r.args.batchId === batchId) candidates.add(r.args.to!);
      const batch = await read<{ status: number }>("batch", [batchId]);
      const holders: HolderView[] = [];
      for (const account of candidates) {
        const h = await read<{ held: bigint; dispensed: bigint; writtenOff: bigint }>("holding", [batchId, account]);
        holders.push({ account, name: nameOf.get(account.toLowerCase()) ?? account, ...h });
      }
      const inTransit = shipped
        .filter((s) => s.args.batchId === batchId && !closed.has(s.args.shipmentId))
        .reduce((sum, s) => sum + s.args.quantity!, 0n);
      return {
        batchId,
        gtin: e.args.gtin!.toString().padStart(14, "0"),
        lot: e.args.lot!,
        expiresAt: new Date(Number(e.args.expiresAt!) * 1000),
        packCount: Number(e.args.packCount!),
        status: BATCH_STATUS[batch.status] ?? "none",
        manufacturer: e.args.manufacturer!,
        holders,
        inTransit,
        recallReason: recalled.find((r) => r.args.batchId === batchId)?.args.reason,
      };
    }),
  );
  return { organisations, batches };
}
