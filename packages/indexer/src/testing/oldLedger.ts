/**
 * Logs an older deployment of the ledger (or another chain's) may hold, made on a real anvil: the
 * ledger's own events, from the ledger's own address, carrying strings today's contracts refuse
 * (U+0000, invalid UTF-8, bidi controls) or values no honest ledger emits. The ledger's code is swapped
 * for a tiny emitter (anvil_setCode, hardhat_setCode) for the transactions, then put back; its storage is untouched, so
 * the real ledger goes on working afterwards (a recall after the odd event is a real recall).
 */
import { custodyLedgerAbi } from "@tracemed/chain";
import {
  concat,
  createWalletClient,
  encodeAbiParameters,
  encodeEventTopics,
  http,
  numberToHex,
  pad,
  toHex,
} from "viem";
import type { AbiParameter, Hex, TransactionReceipt } from "viem";
import { CAST, TEST_EVM, type Ledger } from "./chain";

/** Replaces an account's code: each test node names it its own way. */
const SET_CODE = TEST_EVM === "hardhat" ? "hardhat_setCode" : "anvil_setCode";

/**
 * EVM code that emits the log its calldata describes: word 0 is the topic count (3 or 4), then the
 * topics, then the data. Hand-assembled:
 *   PUSH1 0 CALLDATALOAD PUSH1 4 EQ PUSH1 0x20 JUMPI                       ; four topics? jump
 *   PUSH1 0x60 CALLDATALOAD PUSH1 0x40 CALLDATALOAD PUSH1 0x20 CALLDATALOAD ; topics 2, 1, 0
 *   PUSH1 0x80 CALLDATASIZE SUB DUP1 PUSH1 0x80 PUSH1 0 CALLDATACOPY        ; data to memory 0
 *   PUSH1 0 LOG3 STOP
 *   JUMPDEST (the same with four topics and the data from 0xa0) LOG4 STOP
 */
const EMITTER: Hex =
  "0x600035600414602057606035604035602035608036038060806000376000a3005b60803560603560403560203560a036038060a06000376000a400";

type LedgerEventName = Extract<(typeof custodyLedgerAbi)[number], { type: "event" }>["name"];

/** A string argument given as bytes (any bytes, valid UTF-8 or not), or as text. */
export type Bytesish = Uint8Array | string;

/**
 * The topics and data of the ledger's event `name` with `args`: string arguments may be any bytes
 * (given as Uint8Array), which is what an ABI `string` is on the wire.
 */
export function ledgerLog(name: LedgerEventName, args: Record<string, unknown>): { topics: Hex[]; data: Hex } {
  const event = custodyLedgerAbi.find((x) => x.type === "event" && x.name === name) as Extract<
    (typeof custodyLedgerAbi)[number],
    { type: "event" }
  >;
  const indexed = Object.fromEntries(event.inputs.filter((p) => p.indexed).map((p) => [p.name, args[p.name]]));
  const topics = encodeEventTopics({ abi: [event], eventName: name, args: indexed } as never) as Hex[];
  const bytes = (v: Bytesish): Hex => toHex(typeof v === "string" ? new TextEncoder().encode(v) : v);
  const params: AbiParameter[] = [];
  const values: unknown[] = [];
  for (const p of event.inputs) {
    if (p.indexed) continue;
    const v = args[p.name];
    if (p.type === "string") {
      params.push({ type: "bytes" });
      values.push(bytes(v as Bytesish));
    } else if (p.type === "string[]") {
      params.push({ type: "bytes[]" });
      values.push((v as Bytesish[]).map(bytes));
    } else {
      params.push({ type: p.type });
      values.push(v);
    }
  }
  return { topics, data: encodeAbiParameters(params, values) };
}

/**
 * Emits `logs` from the ledger's address as the old ledger would have, all in one block, and puts the
 * ledger's code back. Returns the receipts (one transaction per log, in order).
 */
export async function emitAsOldLedger(
  chain: Pick<Ledger, "client" | "ledger" | "chainUrl">,
  logs: { topics: Hex[]; data: Hex }[],
): Promise<TransactionReceipt[]> {
  const { client, ledger } = chain;
  const rpc = (method: string, params: unknown[]) =>
    client.request({ method: method as never, params: params as never }) as Promise<unknown>;
  const wallet = createWalletClient({ account: CAST.deployer, transport: http(chain.chainUrl(), { retryCount: 0 }) });
  const original = await client.getCode({ address: ledger.address });
  if (!original) throw new Error("no ledger at its address");
  const nonce = await client.getTransactionCount({ address: CAST.deployer.address, blockTag: "pending" });
  await rpc(SET_CODE, [ledger.address, EMITTER]);
  await rpc("evm_setAutomine", [false]);
  try {
    const hashes: Hex[] = [];
    for (const [i, log] of logs.entries()) {
      if (log.topics.length !== 3 && log.topics.length !== 4) throw new Error("the emitter takes 3 or 4 topics");
      const data = concat([pad(numberToHex(log.topics.length)), ...log.topics, log.data]);
      hashes.push(
        await wallet.sendTransaction({
          chain: null,
          to: ledger.address,
          data,
          nonce: nonce + i,
          gas: 1_000_000n,
        }),
      );
    }
    await rpc("evm_mine", []);
    const receipts = await Promise.all(hashes.map((hash) => client.getTransactionReceipt({ hash })));
    for (const r of receipts) if (r.status !== "success") throw new Error(`emitting failed in ${r.transactionHash}`);
    return receipts;
  } finally {
    await rpc("evm_setAutomine", [true]);
    await rpc(SET_CODE, [ledger.address, original]);
  }
}
