/**
 * The network's relayer: it sends a passkey member's signed intent to `executeIntent` of the ledger, or of the
 * cases-and-pallets contract (LogisticUnits, `target: "units"`), and pays the gas. It cannot change, replay or
 * redirect an intent (the contract checks the passkey's signature over every field, for itself, and the member's
 * nonce there); what it checks first is that the signed-in member is the intent's member, and that the contract
 * would accept it (a simulation: a refusal costs no gas and comes back as the contract's sentence). Sends take their turn
 * (`inTurn` of @tracemed/chain), so that the relayer's transaction nonces never race. Framework-free (tests call it).
 */
import {
  custodyLedgerAbi,
  describeLedgerError,
  executeIntentArgs,
  inTurn,
  logisticUnitsAbi,
  type WebAuthnAuth,
} from "@tracemed/chain";
import { DomainError } from "@tracemed/errors";
import type { Account, Address, Chain, Hash, Hex, PublicClient, Transport, WalletClient } from "viem";
import type { Locale } from "@/lib/i18n/locales";
import { localiseLedgerError } from "@/lib/i18n/ledgerErrors";
import { passkeyMember } from "./publicKey";

/** One intent as the passkey signed it (the body of POST /api/relay, parsed). */
export interface SignedIntent {
  /** The contract the intent was signed for and runs on (default: the ledger). */
  target?: "ledger" | "units";
  call: Hex;
  organisation: Address;
  member: Address;
  nonce: bigint;
  deadline: number;
  qx?: Hex;
  qy?: Hex;
  auth: WebAuthnAuth;
}

export interface RelayDeps {
  publicClient: PublicClient;
  wallet: WalletClient<Transport, Chain, Account>;
  ledger: Address;
  /** LogisticUnits; null on a network without it. */
  units: Address | null;
}

/** A contract's refusal of an intent as the relay answers it, in its words (the quota's with its own code). */
export function relayRefusal(error: unknown, locale: Locale): DomainError {
  const info = describeLedgerError(error);
  if (info.code === "ChainUnavailable") return new DomainError("ChainUnavailable", info.message);
  const code = info.code === "IntentQuotaExhausted" ? "RelayQuotaExhausted" : "RelayRefused";
  return new DomainError(code, localiseLedgerError(locale, info));
}

/**
 * Sends `intent` for the signed-in passkey `signer` (its member address and stored public key) and waits for its
 * block. Refuses an intent of another member or key (RelayMemberMismatch) and one the ledger would refuse
 * (RelayRefused, RelayQuotaExhausted: nothing is sent).
 */
export async function relayIntent(
  deps: RelayDeps,
  signer: { account: string; qx: Hex; qy: Hex } | null,
  intent: SignedIntent,
  locale: Locale = "en",
): Promise<{ hash: Hash; block: bigint }> {
  const member = intent.member.toLowerCase();
  const same = (a: Hex | undefined, b: Hex) => a === undefined || a.toLowerCase() === b.toLowerCase();
  if (
    !signer ||
    member !== signer.account.toLowerCase() ||
    passkeyMember(signer.qx, signer.qy) !== member ||
    !same(intent.qx, signer.qx) ||
    !same(intent.qy, signer.qy)
  )
    throw new DomainError("RelayMemberMismatch", "The intent's member is not the signed-in passkey member.");
  const units = intent.target === "units";
  if (units && !deps.units)
    throw new DomainError("RelayNoUnits", "This network has no cases-and-pallets contract to send the write to.");
  const args = executeIntentArgs({ ...intent, publicKey: { qx: signer.qx, qy: signer.qy } });
  const { request } = await deps.publicClient
    .simulateContract({
      address: units ? deps.units! : deps.ledger,
      // Both contracts' executeIntent take the same arguments; the target's own ABI decodes its refusals.
      abi: (units ? logisticUnitsAbi : custodyLedgerAbi) as typeof custodyLedgerAbi,
      functionName: "executeIntent",
      args,
      account: deps.wallet.account,
      blockTag: "pending",
    })
    .catch((error: unknown) => {
      throw relayRefusal(error, locale);
    });
  const hash = await inTurn(deps.wallet.account.address, () => deps.wallet.writeContract(request)).catch(
    (error: unknown) => {
      throw relayRefusal(error, locale);
    },
  );
  const receipt = await deps.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 100 });
  if (receipt.status !== "success")
    throw new DomainError("RelayRefused", "The contract refused this write when it was mined; try again.");
  return { hash, block: receipt.blockNumber };
}
