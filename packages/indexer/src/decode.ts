import { accessManagerAbi, councilQuorumAbi, custodyLedgerAbi, logisticUnitsAbi } from "@tracemed/chain";
import { toEventSelector, type Hex, type RpcLog } from "viem";
import { chainText } from "./text";

/** GS1 CBV business step of each ledger event, where one fits. */
export const BIZ_STEP: Record<string, string | null> = {
  BatchCommissioned: "commissioning",
  BatchShipped: "shipping",
  ShipmentReceived: "receiving",
  // The recipient's refusal: a receiving step whose packs go back to the sender (EPCIS disposition "returned").
  ShipmentRefused: "receiving",
  ShipmentVoided: "void_shipping",
  StockDestroyed: "destroying",
  PacksDispensed: "dispensing",
  BatchQuarantined: "holding",
  UnitPacked: "packing",
  UnitUnpacked: "unpacking",
};

/** Packs of one batch put into a logistic unit (LogisticUnits' PackGroup), as UnitPacked carries them. */
export interface JsonPackGroup {
  batchId: string;
  indices: number[];
}

export type JsonArgs = Record<string, string | string[] | number | boolean | JsonPackGroup[]>;

/**
 * The exact bytes (0x hex) of the string arguments whose text in JsonArgs is escaped (text.ts); a list of
 * strings is kept whole when any of its strings is. Null when every string is exact, as nearly all are.
 */
export type RawArgs = Record<string, Hex | Hex[]>;

/** A decoded ledger event, as stored in CustodyEvent. */
export interface LedgerEvent {
  id: string; // blockHash:logIndex, unique within one chain history
  blockNumber: bigint;
  blockHash: Hex;
  logIndex: number;
  txHash: Hex;
  name: string;
  args: JsonArgs;
  raw: RawArgs | null;
  occurredAt: Date;
  bizStep: string | null;
  batchId: string | null;
  shipmentId: string | null;
  /** the organisation acting (its id), where the event names one */
  actor: string | null;
  /** the account that signed: the organisation's member, or the council */
  by: string | null;
  /** The log as the node sent it, kept for the quarantine should the event fail to project. */
  log: RawLog;
}

/** A ledger log as read from the chain, undecoded. */
export interface RawLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
}

/**
 * A decoder for the ledger's own event ABI, built from the generated ABI once: each event's topics and
 * data words are sliced straight out of the JSON-RPC hex (viem's generic decodeEventLog took about
 * 35 µs an event, most of an ingest step's CPU). It yields exactly what the stored arguments are:
 * addresses lower-case, integers over 48 bits and array elements as decimal strings, smaller integers
 * as numbers, fixed bytes as lower-case hex, strings as UTF-8 text (escaped, with their exact bytes in
 * `raw`, when PostgreSQL could not hold them: text.ts). decode.test.ts holds it equal to viem's
 * decoding for every event of the ABI; an ABI type it does not know fails at load, not silently.
 */
type Read = (word: string) => string | number | boolean;
type Field =
  | { name: string; kind: "static"; read: Read }
  | { name: string; kind: "string" }
  | { name: string; kind: "bytes" }
  | { name: string; kind: "array"; read: Read }
  | { name: string; kind: "strings" }
  | { name: string; kind: "groups" };

interface EventDecoder {
  name: string;
  topics: { name: string; read: Read }[];
  data: Field[];
}

const isZero = (hex: string) => /^0*$/.test(hex);

function staticReader(type: string): Read {
  if (type === "address") return (w) => `0x${w.slice(24).toLowerCase()}`;
  if (type === "bool") return (w) => w.at(-1) === "1";
  const bytes = /^bytes([0-9]+)$/.exec(type);
  if (bytes) return (w) => `0x${w.slice(0, 2 * Number(bytes[1])).toLowerCase()}`;
  const uint = /^uint([0-9]*)$/.exec(type);
  if (uint) {
    // viem decodes integers up to 48 bits as numbers, wider ones as bigints (stored as decimal text).
    return Number(uint[1] || 256) > 48 ? (w) => BigInt(`0x${w}`).toString() : (w) => parseInt(w, 16);
  }
  throw new Error(`the ledger's event decoder does not know the ABI type ${type}`);
}

type AbiEvent<Abi extends readonly { type: string }[]> = Extract<Abi[number], { type: "event" }>;

/**
 * The council's (OpenZeppelin AccessManager's) events the indexer follows: its operations. Its other events
 * (roles, targets, labels) configure the council and are left to the chain.
 */
const COUNCIL_EVENTS = accessManagerAbi.filter(
  (item): item is AbiEvent<typeof accessManagerAbi> =>
    item.type === "event" && ["OperationScheduled", "OperationExecuted", "OperationCanceled"].includes(item.name),
);
/** The council's quorum's (CouncilQuorum's) events the indexer follows: approvals, and executions they made. */
const QUORUM_EVENTS = councilQuorumAbi.filter(
  (item): item is AbiEvent<typeof councilQuorumAbi> =>
    item.type === "event" && ["ProposalApproved", "ProposalExecuted"].includes(item.name),
);
/** Topic 0 of each council and quorum event the indexer follows. */
export const COUNCIL_TOPICS: ReadonlySet<string> = new Set(
  [...COUNCIL_EVENTS, ...QUORUM_EVENTS].map((e) => toEventSelector(e)),
);

/** The one tuple type an event carries: LogisticUnits' PackGroup (bytes32 batchId, uint32[] indices). */
const PACK_GROUP = "(bytes32,uint32[])";
const tupleType = (input: { type: string; components?: readonly { type: string }[] }) =>
  `(${(input.components ?? []).map((c) => c.type).join(",")})`;

const DECODERS = new Map<string, EventDecoder>();
for (const item of [...custodyLedgerAbi, ...logisticUnitsAbi, ...COUNCIL_EVENTS, ...QUORUM_EVENTS]) {
  if (item.type !== "event") continue;
  const decoder: EventDecoder = { name: item.name, topics: [], data: [] };
  for (const input of item.inputs as readonly {
    name: string;
    type: string;
    indexed?: boolean;
    components?: readonly { type: string }[];
  }[]) {
    const { name, type } = input;
    if (type === "tuple[]" && !input.indexed && tupleType(input) === PACK_GROUP) {
      decoder.data.push({ name, kind: "groups" });
      continue;
    }
    if (input.indexed) {
      if (type === "string" || type === "bytes" || type.endsWith("]"))
        throw new Error(`indexed ${type} (${item.name}) is not decodable from its topic`);
      decoder.topics.push({ name, read: staticReader(type) });
    } else if (type === "string") decoder.data.push({ name, kind: "string" });
    else if (type === "bytes") decoder.data.push({ name, kind: "bytes" });
    else if (type === "string[]") decoder.data.push({ name, kind: "strings" });
    else if (type.endsWith("[]")) decoder.data.push({ name, kind: "array", read: staticReader(type.slice(0, -2)) });
    else decoder.data.push({ name, kind: "static", read: staticReader(type) });
  }
  DECODERS.set(toEventSelector(item), decoder);
}

class Malformed extends Error {}

/** The event's arguments (indexed ones first, as viem orders them), or null if the log is not one of ours. */
export function decodeArgs(
  topics: readonly Hex[],
  data: Hex,
): { name: string; args: JsonArgs; raw: RawArgs | null } | null {
  const decoder = topics[0] && DECODERS.get(topics[0].toLowerCase());
  if (!decoder || topics.length !== decoder.topics.length + 1) return null;
  const args: JsonArgs = {};
  let raw: RawArgs | null = null;
  decoder.topics.forEach((t, i) => (args[t.name] = t.read(topics[i + 1]!.slice(2))));
  const hex = data.slice(2);
  const word = (at: number) => {
    if (at < 0 || at + 64 > hex.length) throw new Malformed();
    return hex.slice(at, at + 64);
  };
  /** A word read as an offset or length (in bytes), refusing absurd values. */
  const size = (at: number) => {
    const w = word(at);
    if (!isZero(w.slice(0, 52))) throw new Malformed();
    return parseInt(w.slice(52), 16);
  };
  try {
    decoder.data.forEach((f, i) => {
      if (f.kind === "static") args[f.name] = f.read(word(64 * i));
      else {
        const start = 2 * size(64 * i);
        const length = size(start);
        /** The string whose length word is at `at` (hex characters into the data). */
        const text = (at: number) => {
          const n = size(at);
          if (at + 64 + 2 * n > hex.length) throw new Malformed();
          return chainText(Buffer.from(hex.slice(at + 64, at + 64 + 2 * n), "hex"));
        };
        if (f.kind === "bytes") {
          if (start + 64 + 2 * length > hex.length) throw new Malformed();
          args[f.name] = `0x${hex.slice(start + 64, start + 64 + 2 * length).toLowerCase()}`;
        } else if (f.kind === "string") {
          const t = text(start);
          args[f.name] = t.text;
          if (t.raw) (raw ??= {})[f.name] = t.raw;
        } else if (f.kind === "strings") {
          // Offsets of the elements, counted from just after the array's length word.
          const items: ReturnType<typeof text>[] = [];
          for (let k = 0; k < length; k++) items.push(text(start + 64 + 2 * size(start + 64 + 64 * k)));
          args[f.name] = items.map((t) => t.text);
          if (items.some((t) => t.raw)) {
            (raw ??= {})[f.name] = items.map((t) => t.raw ?? (`0x${Buffer.from(t.text).toString("hex")}` as Hex));
          }
        } else if (f.kind === "groups") {
          // Each group is a dynamic tuple: its offset from the array's first element, then (bytes32, offset of uint32[]).
          const groups: JsonPackGroup[] = [];
          for (let k = 0; k < length; k++) {
            const at = start + 64 + 2 * size(start + 64 + 64 * k);
            const list = at + 2 * size(at + 64);
            const indices: number[] = [];
            for (let j = 0, n = size(list); j < n; j++) indices.push(parseInt(word(list + 64 + 64 * j), 16));
            groups.push({ batchId: `0x${word(at).toLowerCase()}`, indices });
          }
          args[f.name] = groups;
        } else {
          const items: string[] = [];
          for (let k = 0; k < length; k++) items.push(String(f.read(word(start + 64 + 64 * k))));
          args[f.name] = items;
        }
      }
    });
  } catch (e) {
    if (e instanceof Malformed) return null; // as viem's strict parsing drops a log whose data does not fit its event
    throw e;
  }
  return { name: decoder.name, args, raw };
}

/** The argument naming the organisation acting, for each event whose actor is not its `by`. */
const ACTOR_ARG = new Map(
  Object.entries({
    manufacturer: ["BatchCommissioned"],
    from: ["BatchShipped", "ShipmentVoided", "ShipmentCancelRequested"],
    to: ["ShipmentReceived", "ShipmentRefused"],
    organisation: [
      "BatchRecalled",
      "BatchQuarantined",
      "BatchReleased",
      "MemberAdded",
      "MemberPermissionsSet",
      "MemberRemoved",
      "UnitPacked",
      "UnitUnpacked",
      "UnitTakenOver",
    ],
    caller: ["OperationScheduled"],
    approver: ["ProposalApproved"],
    holder: ["StockDestroyed"],
    pharmacy: ["PacksDispensed", "PacksDispenseUndone"],
    verifier: ["PacksClaimed"],
  }).flatMap(([arg, events]) => events.map((event) => [event, arg] as const)),
);

/** Who did it: the party the event names as acting. */
function actorOf(name: string, a: JsonArgs): string | null {
  // An event of a ledger before organisations had members names its acting organisation only as `by`.
  const actor = a[ACTOR_ARG.get(name) ?? "by"] ?? a.by;
  return typeof actor === "string" ? actor : null;
}

/** A log of the ledger's address that is none of its events, or does not fit the event its topic 0 names. */
export interface UndecodableLog {
  id: string;
  blockNumber: bigint;
  blockHash: Hex;
  logIndex: number;
  txHash: Hex;
  log: RawLog;
  eventName: string | null;
  error: string;
}

/**
 * Decodes the ledger's logs as eth_getLogs returns them; `timestampOf` supplies block times when a node
 * omits blockTimestamp. Logs of a mined block that do not decode go to `undecodable` (the indexer
 * quarantines them): the ledger emits only its ABI's events, so such a log means a contract and an ABI
 * that disagree, and the database may lack its effect.
 */
export function decodeLogs(
  logs: readonly RpcLog[],
  timestampOf: (blockHash: Hex) => number,
  undecodable?: (log: UndecodableLog) => void,
): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const log of logs) {
    if (!log.blockHash || !log.blockNumber || !log.logIndex || !log.transactionHash) continue;
    const decoded = decodeArgs(log.topics, log.data);
    const raw: RawLog = { address: log.address, topics: log.topics as Hex[], data: log.data };
    if (!decoded) {
      const known = log.topics[0] && DECODERS.get(log.topics[0].toLowerCase());
      undecodable?.({
        id: `${log.blockHash}:${Number(log.logIndex)}`,
        blockNumber: BigInt(log.blockNumber),
        blockHash: log.blockHash,
        logIndex: Number(log.logIndex),
        txHash: log.transactionHash,
        log: raw,
        eventName: known ? known.name : null,
        error: known
          ? `the log's topics or data do not fit the ledger's event ${known.name}`
          : "topic 0 is none of the ledger's events",
      });
      continue;
    }
    const { name, args } = decoded;
    const seconds = (log as { blockTimestamp?: Hex }).blockTimestamp;
    const time = seconds !== undefined ? Number(seconds) : timestampOf(log.blockHash);
    const logIndex = Number(log.logIndex);
    events.push({
      id: `${log.blockHash}:${logIndex}`,
      blockNumber: BigInt(log.blockNumber),
      blockHash: log.blockHash,
      logIndex,
      txHash: log.transactionHash,
      name,
      args,
      raw: decoded.raw,
      occurredAt: new Date(time * 1000),
      bizStep: BIZ_STEP[name] ?? null,
      batchId: typeof args.batchId === "string" ? args.batchId : null,
      shipmentId: typeof args.shipmentId === "string" ? args.shipmentId : null,
      actor: actorOf(name, args),
      by: typeof args.by === "string" ? args.by : null,
      log: raw,
    });
  }
  return events;
}
