import {
  createClient,
  defineChain,
  walletActions,
  type Account,
  type Chain,
  type SendTransactionParameters,
  type Transport,
  type WalletClient,
} from "viem";
import { sendTransaction } from "viem/actions";

/**
 * The chain the ledger lives on, as viem needs it. "Embedded local chain" only when the product itself started
 * it (start.ts says so): a chain id says nothing about that, anvil and Hardhat's node both use 31337.
 */
export function ledgerChain(id: number, rpcUrl: string, embedded = false): Chain {
  return defineChain({
    id,
    name: embedded ? "Embedded local chain" : `Chain ${id}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** How server-side writers price and type their transactions (each app reads GAS_PRICE and TX_TYPE). */
export interface TransactionSettings {
  /**
   * Wei per gas, the most a write pays: 0 on zero-fee permissioned networks (Besu with `min-gas-price=0`).
   * Unset: what the node estimates.
   */
  gasPrice?: bigint;
  /** "legacy" (type 0) for chains without EIP-1559, "eip1559" (type 2); unset: viem decides from the chain. */
  type?: "legacy" | "eip1559";
}

export type TransactionFees =
  { type?: "legacy"; gasPrice?: bigint } | { type: "eip1559"; maxFeePerGas?: bigint; maxPriorityFeePerGas?: bigint };

/** The fee fields a write carries under `settings`. */
export function transactionFees(settings: TransactionSettings = {}): TransactionFees {
  const { gasPrice, type } = settings;
  if (type === "eip1559")
    return gasPrice === undefined ? { type } : { type, maxFeePerGas: gasPrice, maxPriorityFeePerGas: gasPrice };
  return { ...(type ? { type } : {}), ...(gasPrice === undefined ? {} : { gasPrice }) };
}

/**
 * A wallet client whose every transaction (deployContract, writeContract, sendTransaction: they all send
 * through sendTransaction) carries `tx`'s fee fields, unless the call gives its own. Every server-side
 * writer signs through one of these.
 */
export function ledgerWallet<A extends Account>(p: {
  account: A;
  chain: Chain;
  transport: Transport;
  tx?: TransactionSettings;
}) {
  const fees = transactionFees(p.tx);
  const client = createClient({ account: p.account, chain: p.chain, transport: p.transport, type: "walletClient" });
  const send = (args: SendTransactionParameters) => {
    const own = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
    const feeFieldsGiven = ["gasPrice", "maxFeePerGas", "maxPriorityFeePerGas"].some((k) => k in own);
    return sendTransaction(client, (feeFieldsGiven ? own : { ...fees, ...own }) as SendTransactionParameters);
  };
  // viem's wallet actions send through the sendTransaction of the client they are made from (getAction): ours,
  // set before they are made, and again over theirs so that a direct wallet.sendTransaction carries the fees too.
  Object.assign(client, { sendTransaction: send });
  Object.assign(client, walletActions(client as never), { sendTransaction: send });
  return client as unknown as WalletClient<Transport, Chain, A>;
}
