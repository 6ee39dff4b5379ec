import "server-only";
import { env } from "@/lib/env";
import { publicClient } from "@/lib/ledger";

/**
 * On the embedded chain (anvil, started by `npm start`), a new system member gets 10 ETH to pay its writes' gas;
 * on any other network its operator funds it (or the network is gas-free).
 */
export async function fundOnEmbeddedChain(account: `0x${string}`): Promise<void> {
  if (env.EMBEDDED_CHAIN !== "on") return;
  await publicClient
    .request({ method: "anvil_setBalance" as never, params: [account, "0x8ac7230489e80000"] as never })
    .catch((error: Error) => console.error("[machine] could not fund the system member:", error.message));
}
