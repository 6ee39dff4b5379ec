import assert from "node:assert/strict";
import { test } from "node:test";
import { accessManagerAbi, custodyLedgerAbi, logisticUnitsAbi } from "@tracemed/chain";
import fc from "fast-check";
import {
  encodeAbiParameters,
  encodeEventTopics,
  parseEventLogs,
  toHex,
  type AbiEvent,
  type AbiParameter,
  type Hex,
  type RpcLog,
} from "viem";
import { decodeArgs, decodeLogs, type JsonArgs } from "./decode";
import { chainText } from "./text";

const ABI = [...custodyLedgerAbi, ...accessManagerAbi];
/** The ledger's events and the council operations' (the council's other events are not followed). */
const events = ABI.filter(
  (x): x is Extract<typeof x, { type: "event" }> =>
    x.type === "event" && (custodyLedgerAbi.includes(x as never) || x.name.startsWith("Operation")),
);

/** What the indexer stored when it decoded with viem: bigints as decimal text, addresses lower-case. */
function viemStored(topics: Hex[], data: Hex): { name: string; args: JsonArgs } | null {
  const log = { address: "0x0000000000000000000000000000000000000001", topics, data } as const;
  const parsed = parseEventLogs({ abi: ABI, logs: [log as never], strict: true })[0];
  if (!parsed) return null;
  const lower = (v: unknown) => (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v) ? v.toLowerCase() : v);
  const args: JsonArgs = {};
  for (const [k, v] of Object.entries(parsed.args as Record<string, unknown>)) {
    if (typeof v === "bigint") args[k] = v.toString();
    else if (Array.isArray(v)) args[k] = v.map((x) => (typeof x === "bigint" ? x.toString() : String(lower(x))));
    else args[k] = lower(v) as string | number | boolean;
  }
  return { name: parsed.eventName, args };
}

const hexBytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => toHex(b));
function arbitraryOf(type: string): fc.Arbitrary<unknown> {
  if (type === "address") return hexBytes(20);
  if (type === "bool") return fc.boolean();
  if (type === "string") return fc.string({ unit: "grapheme", maxLength: 80 });
  if (type === "bytes") return fc.uint8Array({ maxLength: 100 }).map((b) => toHex(b));
  if (type.endsWith("[]")) return fc.array(arbitraryOf(type.slice(0, -2)), { maxLength: 40 });
  const bytes = /^bytes([0-9]+)$/.exec(type);
  if (bytes) return hexBytes(Number(bytes[1]));
  const uint = /^uint([0-9]*)$/.exec(type);
  if (uint) return fc.bigInt({ min: 0n, max: 2n ** BigInt(uint[1] || 256) - 1n });
  throw new Error(`no generator for ${type}`);
}

function encode(event: AbiEvent, values: unknown[]): { topics: Hex[]; data: Hex } {
  const args = Object.fromEntries(event.inputs.map((p, i) => [p.name!, values[i]]));
  const topics = encodeEventTopics({ abi: [event], eventName: event.name, args } as never) as Hex[];
  const nonIndexed = event.inputs.filter((p) => !p.indexed) as AbiParameter[];
  const data = encodeAbiParameters(
    nonIndexed,
    nonIndexed.map((p) => args[p.name!]),
  );
  return { topics, data };
}

test("decodesEveryLedgerEventExactlyAsViemDid", () => {
  assert.ok(events.length >= 26, "every event of the ledger's ABI, and the council's operations, are covered");
  for (const event of events) {
    fc.assert(
      fc.property(fc.tuple(...event.inputs.map((p) => arbitraryOf(p.type))), (values) => {
        const { topics, data } = encode(event, values);
        const expected = viemStored(topics, data)!;
        // Strings are where we part from viem on purpose: it drops a leading BOM, and PostgreSQL cannot
        // hold U+0000 (text.ts); every other string is stored as viem decoded it.
        event.inputs.forEach((p, i) => {
          const text = (v: unknown) => chainText(new TextEncoder().encode(v as string)).text;
          if (p.type === "string") expected.args[p.name!] = text(values[i]);
          if (p.type === "string[]") expected.args[p.name!] = (values[i] as string[]).map(text);
        });
        const decoded = decodeArgs(topics, data);
        assert.deepEqual(decoded && { name: decoded.name, args: decoded.args }, expected, event.name);
      }),
      { numRuns: 60 },
    );
  }
});

test("skipsLogsThatAreNotTheLedgersOrDoNotFitTheirEvent_asViemsStrictParsingDoes", () => {
  const shipped = events.find((e) => e.name === "BatchShipped")!;
  const recalled = events.find((e) => e.name === "BatchRecalled")!;
  const ship = encode(shipped, [
    toHex(1n, { size: 32 }),
    toHex(2n, { size: 32 }),
    toHex(3n, { size: 20 }),
    toHex(4n, { size: 20 }),
    5n,
    toHex(6n, { size: 32 }),
    toHex(7n, { size: 20 }),
  ]);
  const recall = encode(recalled, [
    toHex(1n, { size: 32 }),
    toHex(3n, { size: 20 }),
    toHex(8n, { size: 20 }),
    "Contaminated",
  ]);
  const prefixesSet = events.find((e) => e.name === "OrganisationPrefixesSet")!;
  const prefixes = encode(prefixesSet, [toHex(3n, { size: 20 }), ["0690123", "9521234"], toHex(1n, { size: 20 })]);
  const scheduled = events.find((e) => e.name === "OperationScheduled")!;
  const schedule = encode(scheduled, [
    toHex(1n, { size: 32 }),
    1n,
    2n,
    toHex(3n, { size: 20 }),
    toHex(4n, { size: 20 }),
    toHex(new Uint8Array(68).fill(7)),
  ]);
  const cases: [string, Hex[], Hex][] = [
    ["call data running past the data", schedule.topics, schedule.data.slice(0, -64) as Hex],
    ["unknown event", [toHex(9n, { size: 32 }), ...ship.topics.slice(1)], ship.data],
    ["a topic missing", ship.topics.slice(0, 3), ship.data],
    ["data cut short", ship.topics, ship.data.slice(0, 2 + 64 * 2) as Hex],
    ["no data", ship.topics, "0x"],
    ["string running past the data", recall.topics, recall.data.slice(0, -64) as Hex],
    ["string offset past the data", recall.topics, `0x${"f".repeat(64)}${recall.data.slice(66)}`],
    ["a string of a list cut short", prefixes.topics, prefixes.data.slice(0, -64) as Hex],
    [
      // an element offset that is a plausible size, but lands past the end of the data
      "a string of a list pointing past the data",
      prefixes.topics,
      prefixes.data.replace(/0{62}40/, `${"0".repeat(61)}400`) as Hex,
    ],
  ];
  for (const [what, topics, data] of cases) {
    assert.equal(viemStored(topics, data), null, `viem drops it: ${what}`);
    assert.equal(decodeArgs(topics, data), null, `so do we: ${what}`);
  }
});

test("readsBlockPositionAndTimeFromTheRawLog", () => {
  const recalled = events.find((e) => e.name === "BatchRecalled")!;
  const { topics, data } = encode(recalled, [
    toHex(7n, { size: 32 }),
    toHex(3n, { size: 20 }),
    toHex(8n, { size: 20 }),
    "Out of spec",
  ]);
  const log = {
    address: toHex(1n, { size: 20 }),
    blockHash: toHex(0xabn, { size: 32 }),
    blockNumber: "0x1f",
    logIndex: "0x0",
    transactionHash: toHex(0xcdn, { size: 32 }),
    transactionIndex: "0x0",
    topics,
    data,
    removed: false,
  } as unknown as RpcLog;
  const [withTime] = decodeLogs([{ ...log, blockTimestamp: "0x64" } as RpcLog], () => 0);
  assert.equal(withTime!.occurredAt.getTime(), 100_000);
  const [e] = decodeLogs([log], (hash) => (hash === log.blockHash ? 200 : 0));
  assert.deepEqual(
    { ...e, occurredAt: e!.occurredAt.getTime() },
    {
      id: `${log.blockHash}:0`,
      blockNumber: 31n,
      blockHash: log.blockHash,
      logIndex: 0,
      txHash: log.transactionHash,
      name: "BatchRecalled",
      args: {
        batchId: toHex(7n, { size: 32 }),
        organisation: toHex(3n, { size: 20 }),
        by: toHex(8n, { size: 20 }),
        reason: "Out of spec",
      },
      raw: null,
      occurredAt: 200_000,
      bizStep: null,
      batchId: toHex(7n, { size: 32 }),
      shipmentId: null,
      actor: toHex(3n, { size: 20 }),
      by: toHex(8n, { size: 20 }),
      log: { address: log.address, topics, data },
    },
  );
});

test("decodesTheLogisticUnitsEventsExactlyAsViemDoes_packGroupsIncluded", () => {
  const unitEvents = logisticUnitsAbi.filter((x): x is Extract<typeof x, { type: "event" }> => x.type === "event");
  assert.deepEqual(unitEvents.map((e) => e.name).sort(), ["UnitPacked", "UnitTakenOver", "UnitUnpacked"]);
  const group = fc.record({
    batchId: hexBytes(32),
    indices: fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 30 }),
  });
  const valuesOf: Record<string, fc.Arbitrary<unknown[]>> = {
    UnitPacked: fc.tuple(
      fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }),
      hexBytes(20),
      hexBytes(32),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.array(group, { maxLength: 6 }),
      fc.array(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), { maxLength: 12 }),
      hexBytes(20),
    ),
    UnitUnpacked: fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), hexBytes(20), hexBytes(20)),
    UnitTakenOver: fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), hexBytes(20), hexBytes(20)),
  };
  for (const event of unitEvents) {
    fc.assert(
      fc.property(valuesOf[event.name]!, (values) => {
        const { topics, data } = encode(event as AbiEvent, values);
        const log = { address: "0x0000000000000000000000000000000000000001", topics, data } as const;
        const parsed = parseEventLogs({ abi: logisticUnitsAbi, logs: [log as never], strict: true })[0]!;
        const expected = JSON.parse(
          JSON.stringify(parsed.args, (_, v: unknown) =>
            typeof v === "bigint" ? v.toString() : typeof v === "string" ? v.toLowerCase() : v,
          ),
        ) as JsonArgs;
        const decoded = decodeArgs(topics, data);
        assert.deepEqual(decoded && { name: decoded.name, args: decoded.args }, { name: event.name, args: expected });
      }),
      { numRuns: 60 },
    );
  }
});
