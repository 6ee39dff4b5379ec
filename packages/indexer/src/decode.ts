import { custodyLedgerAbi } from "@tracemed/chain";
import { parseEventLogs, type Hex, type Log } from "viem";

/** GS1 CBV business step of each ledger event, where one fits. */
export const BIZ_STEP: Record<string, string | null> = {
  BatchCommissioned: "commissioning",
  BatchShipped: "shipping",
  ShipmentReceived: "receiving",
  ShipmentVoided: "void_shipping",
  StockDestroyed: "destroying",
  PacksDispensed: "dispensing",
  BatchQuarantined: "holding",
};

export type JsonArgs = Record<string, string | string[] | number | boolean>;

/** A decoded ledger event, as stored in CustodyEvent. */
export interface LedgerEvent {
  id: string; // blockHash:logIndex, unique within one chain history
  blockNumber: bigint;
  blockHash: Hex;
  logIndex: number;
  txHash: Hex;
  name: string;
  args: JsonArgs;
  occurredAt: Date;
  bizStep: string | null;
  batchId: string | null;
  shipmentId: string | null;
  actor: string | null;
}

/** Addresses are stored lower-case (one spelling for joins); every other string exactly as emitted. */
const lower = (v: unknown) => (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v) ? v.toLowerCase() : v);

/** JSON-safe arguments: bigints as decimal strings, addresses lower-cased. */
function jsonArgs(args: Record<string, unknown>): JsonArgs {
  const out: JsonArgs = {};
  for (const [k, v] of Object.entries(args)) {
    if (typeof v === "bigint") out[k] = v.toString();
    else if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === "bigint" ? x.toString() : String(lower(x))));
    else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = lower(v) as string;
    else out[k] = String(v);
  }
  return out;
}

/** Who did it: the party the event names as acting. */
function actorOf(name: string, a: JsonArgs): string | null {
  const pick = (k: string) => (typeof a[k] === "string" ? (a[k] as string) : null);
  switch (name) {
    case "BatchCommissioned":
      return pick("manufacturer");
    case "BatchShipped":
    case "ShipmentVoided":
      return pick("from");
    case "ShipmentReceived":
      return pick("to");
    case "StockDestroyed":
      return pick("holder");
    case "PacksDispensed":
    case "PacksDispenseUndone":
      return pick("pharmacy");
    case "PacksClaimed":
      return pick("verifier");
    default:
      return pick("by");
  }
}

/** Decodes the ledger's logs; `timestampOf` supplies block times when a node omits blockTimestamp. */
export function decodeLogs(logs: Log[], timestampOf: (blockHash: Hex) => number): LedgerEvent[] {
  return parseEventLogs({ abi: custodyLedgerAbi, logs, strict: true }).map((log) => {
    const args = jsonArgs(log.args as Record<string, unknown>);
    const seconds = (log as { blockTimestamp?: Hex | bigint }).blockTimestamp;
    const time = seconds !== undefined ? Number(seconds) : timestampOf(log.blockHash!);
    return {
      id: `${log.blockHash}:${log.logIndex}`,
      blockNumber: log.blockNumber!,
      blockHash: log.blockHash!,
      logIndex: log.logIndex!,
      txHash: log.transactionHash!,
      name: log.eventName,
      args,
      occurredAt: new Date(time * 1000),
      bizStep: BIZ_STEP[log.eventName] ?? null,
      batchId: typeof args.batchId === "string" ? args.batchId : null,
      shipmentId: typeof args.shipmentId === "string" ? args.shipmentId : null,
      actor: actorOf(log.eventName, args),
    };
  });
}
