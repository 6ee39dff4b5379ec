/**
 * The council's first hours, as a deployment goes through them (scripts/deploy.ts, the demo seed): the deployer,
 * the AccessManager's initial admin, configures it (councilSetup), keeps a bootstrap seat with no delay for the
 * genesis writes only the council may make (onboarding a regulator, assigning company prefixes), then renounces
 * both of its roles. After that every council action is scheduled and waits the delay.
 */
import { encodeFunctionData, isAddressEqual, type Address, type Hex, type PublicClient, type WalletClient } from "viem";
import { councilLedgerCall, councilRenounce, councilSetup, type CouncilFunction } from "./council";
import { accessManagerAbi } from "./generated/accessManager";
import type { Deployment } from "./deploy";

type Council = Pick<Deployment, "address" | "council"> & Partial<Pick<Deployment, "quorum">>;

/** Sends `data` to the council from `wallet` and waits for it to succeed. */
async function send(wallet: WalletClient, client: PublicClient, council: Address, data: Hex): Promise<Hex> {
  const hash = await wallet.sendTransaction({ account: wallet.account!, chain: wallet.chain, to: council, data });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`council transaction ${hash} failed`);
  return hash;
}

/**
 * Configures the council of a fresh deployment from its deployer's wallet: `regulators` take their seats (admin
 * and council, each with `councilDelay`), the quorum (when the deployment has one) takes both with no delay, and
 * the deployer, unless it is one of them or `bootstrap` is false,
 * holds a council seat with no delay for the genesis writes. A deployer that is not a regulator still holds the
 * admin role it was deployed with: `renounce` says it must call {@link endCouncilBootstrap} when done.
 */
export async function setUpCouncil(
  wallet: WalletClient,
  client: PublicClient,
  deployment: Council,
  regulators: readonly Address[],
  councilDelay: number,
  options: { bootstrap?: boolean } = {},
): Promise<{ renounce: boolean }> {
  const deployer = wallet.account!.address;
  const renounce = !regulators.some((r) => isAddressEqual(r, deployer));
  const calls = councilSetup({
    ledger: deployment.address,
    regulators,
    councilDelay,
    bootstrap: renounce && (options.bootstrap ?? true) ? deployer : undefined,
    quorum: deployment.quorum,
  });
  for (const call of calls) await send(wallet, client, deployment.council, call.data);
  return { renounce };
}

/**
 * A genesis write only the council may make, by the deployer's bootstrap seat: `execute` on the AccessManager,
 * which calls the ledger at once.
 */
export function councilExecute(
  wallet: WalletClient,
  client: PublicClient,
  deployment: Council,
  functionName: CouncilFunction,
  args: readonly unknown[],
): Promise<Hex> {
  const call = councilLedgerCall(functionName, args);
  const data = encodeFunctionData({ abi: accessManagerAbi, functionName: "execute", args: [deployment.address, call] });
  return send(wallet, client, deployment.council, data);
}

/** The deployer renounces its bootstrap seat (council, then admin): from then on no single key acts alone. */
export async function endCouncilBootstrap(wallet: WalletClient, client: PublicClient, council: Address): Promise<void> {
  for (const call of councilRenounce(wallet.account!.address)) await send(wallet, client, council, call.data);
}
