"use client";
/**
 * One ledger write as the person making it sees it: check it against the chain first (so a refusal
 * is a sentence before anything is signed), sign in the wallet, wait for the block, then wait for
 * the database to catch up and refresh the page. Every step is a state the UI shows. A council-only write
 * is proposed instead (scheduled on the council, the AccessManager), and executed or cancelled there.
 */
import {
  accessManagerAbi,
  councilQuorumAbi,
  custodyLedgerAbi,
  describeLedgerError,
  logisticUnitsAbi,
} from "@tracemed/chain";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { encodeFunctionData, type Abi, type ContractFunctionArgs, type ContractFunctionName, type Hash } from "viem";
import { useConfig } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { passkeyProblem } from "@/components/passkey/problem";
import { useI18n } from "@/lib/i18n/client";
import { writeWithPasskey, type PasskeySession } from "./passkeyWrite";
import { useStaff } from "./staff";

type WriteName = ContractFunctionName<typeof custodyLedgerAbi, "nonpayable">;
type UnitsWriteName = ContractFunctionName<typeof logisticUnitsAbi, "nonpayable">;

export type TxState =
  | { phase: "idle" }
  | { phase: "signing" }
  | { phase: "pending"; hash: Hash }
  | { phase: "indexing"; hash: Hash; block: bigint }
  | { phase: "confirmed"; hash: Hash; block: bigint }
  | { phase: "failed"; code: string; message: string; args?: readonly unknown[]; hash?: Hash };

/** Polls the app until its database has indexed `block` (at most `timeoutMs`). */
export async function waitUntilIndexed(block: bigint, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch("/api/indexer", { cache: "no-store" }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { indexedBlock: number | null } | null;
    if (body?.indexedBlock != null && BigInt(body.indexedBlock) >= block) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** The ledger's refusals, so that a council call the ledger refuses (inside execute) reads as the ledger's sentence. */
const ledgerErrors = custodyLedgerAbi.filter((x) => x.type === "error");
const councilAbi = [...accessManagerAbi, ...ledgerErrors] as const;
/** The quorum's approve runs the call once approved: the council's and the ledger's refusals read as theirs. */
const quorumAbi = [
  ...councilQuorumAbi,
  ...accessManagerAbi.filter((x) => x.type === "error"),
  ...ledgerErrors,
] as const;

type CouncilName = "execute" | "cancel";

/** Where regulators see what waits on the council. */
export const COUNCIL_PAGE = "/regulator/council";

export function useLedgerWrite() {
  const config = useConfig();
  const router = useRouter();
  const { m } = useI18n();
  const { chain, staff } = useStaff();
  // A passkey session signs its writes with the passkey and the relayer sends them; null: a wallet session.
  const passkey: PasskeySession | null =
    staff?.passkeyCredential && staff.organisation
      ? {
          account: staff.account,
          organisation: staff.organisation as `0x${string}`,
          credentialId: staff.passkeyCredential,
        }
      : null;
  const [state, setState] = useState<TxState>({ phase: "idle" });

  /** Check, sign, wait for the block and the index, refresh: one contract call as the person sees it. */
  const send = useCallback(
    async (call: { abi: Abi; address: `0x${string}` | null; functionName: string; args: readonly unknown[] }) => {
      if (!call.address) {
        setState({ phase: "failed", code: "NoLedger", message: "No ledger is deployed on this network." });
        return null;
      }
      /** The block is in: wait for the index, then refresh the page. */
      const settle = async (hash: Hash, block: bigint) => {
        setState({ phase: "indexing", hash, block });
        await waitUntilIndexed(block);
        setState({ phase: "confirmed", hash, block });
        router.refresh();
        return { hash, block };
      };
      let hash: Hash | undefined;
      if (passkey) {
        // A passkey signs ledger and LogisticUnits calls: the council's own (AccessManager, quorum) need a wallet.
        const target = call.address === chain.ledgerAddress ? "ledger" : call.address === chain.unitsAddress && "units";
        if (!target) {
          setState({ phase: "failed", code: "WalletRequired", message: m.passkey.relay.wallet });
          return null;
        }
        try {
          setState({ phase: "signing" });
          const sent = await writeWithPasskey(config, chain, passkey, call, target);
          return await settle(sent.hash, sent.block);
        } catch (error) {
          setState({ phase: "failed", code: "PasskeyWrite", message: passkeyProblem(error, m) });
          return null;
        }
      }
      try {
        setState({ phase: "signing" });
        // Against the block the write would land in: an idle chain's latest block can be older than a council
        // operation's ready time (anvil mines only on transactions), which a write sent now has passed.
        const { request } = await simulateContract(config, {
          ...call,
          address: call.address,
          blockTag: "pending",
        } as never);
        hash = await writeContract(config, request as never);
        setState({ phase: "pending", hash });
        const receipt = await waitForTransactionReceipt(config, { hash, pollingInterval: 250 });
        if (receipt.status !== "success") throw new Error("reverted");
        return await settle(hash, receipt.blockNumber);
      } catch (error) {
        const info = describeLedgerError(error);
        setState({ phase: "failed", code: info.code, message: info.message, args: info.args, hash });
        return null;
      }
    },
    [config, router, chain, m, passkey?.account, passkey?.organisation, passkey?.credentialId],
  );

  /** A ledger write signed by the member. */
  const write = useCallback(
    <N extends WriteName>(
      functionName: N,
      args: ContractFunctionArgs<typeof custodyLedgerAbi, "nonpayable", N>,
    ): Promise<{ hash: Hash; block: bigint } | null> =>
      send({ abi: custodyLedgerAbi, address: chain.ledgerAddress, functionName, args: args as readonly unknown[] }),
    [send, chain.ledgerAddress],
  );

  /** A write on the cases-and-pallets contract (LogisticUnits), signed by the member (a passkey's relayed). */
  const writeUnits = <N extends UnitsWriteName>(
    functionName: N,
    args: ContractFunctionArgs<typeof logisticUnitsAbi, "nonpayable", N>,
  ) => send({ abi: logisticUnitsAbi, address: chain.unitsAddress, functionName, args: args as readonly unknown[] });

  /**
   * A council-only ledger write, proposed: `schedule(ledger, data, 0)` on the council (AccessManager), to be
   * executed by the proposer once the council's delay has passed, unless a regulator cancels it meanwhile.
   */
  const propose = useCallback(
    async <N extends WriteName>(
      functionName: N,
      args: ContractFunctionArgs<typeof custodyLedgerAbi, "nonpayable", N>,
    ): Promise<{ hash: Hash; block: bigint } | null> => {
      if (!chain.ledgerAddress) return send({ abi: councilAbi, address: null, functionName: "schedule", args: [] });
      const data = encodeFunctionData({ abi: custodyLedgerAbi, functionName, args } as never);
      const done = await send({
        abi: councilAbi,
        address: chain.councilAddress,
        functionName: "schedule",
        args: [chain.ledgerAddress, data, 0],
      });
      // The proposal now waits on the council: the page where it shows, with its time left.
      if (done) router.push(COUNCIL_PAGE);
      return done;
    },
    [send, router, chain.ledgerAddress, chain.councilAddress],
  );

  /** `execute(target, data)` (the proposer, once ready) or `cancel(caller, target, data)` (any regulator). */
  const council = useCallback(
    (functionName: CouncilName, args: readonly unknown[]): Promise<{ hash: Hash; block: bigint } | null> =>
      send({ abi: councilAbi, address: chain.councilAddress, functionName, args }),
    [send, chain.councilAddress],
  );

  /**
   * `approve(proposer, target, data)` on the council's quorum: a council member's approval of another's proposal;
   * the approval that completes the quorum executes it at once.
   */
  const approve = useCallback(
    (proposer: string, target: string, data: string): Promise<{ hash: Hash; block: bigint } | null> =>
      send({ abi: quorumAbi, address: chain.quorumAddress, functionName: "approve", args: [proposer, target, data] }),
    [send, chain.quorumAddress],
  );

  return { state, write, writeUnits, propose, council, approve, reset: () => setState({ phase: "idle" }) };
}
