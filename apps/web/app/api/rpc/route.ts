import { env } from "@/lib/env";
import { DomainError } from "@tracemed/errors";
import { handler, readJson } from "@/lib/http";
import { ANY_ORGANISATION, requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * The browser's way to the chain node, so that staff pages talk only to this host. Read methods
 * and already-signed transactions pass; nothing that would make the node sign (no
 * eth_sendTransaction, no eth_sign) and nothing that changes the node (no anvil_/evm_/debug_).
 * Only for signed-in staff of an organisation of the network: it is a staff tool, and chain reads
 * (every event, every shipment's parties and quantities) are custody data (lib/readPolicy.ts).
 */
const ALLOWED = new Set([
  "eth_blockNumber",
  "eth_call",
  "eth_chainId",
  "eth_estimateGas",
  "eth_feeHistory",
  "eth_fillTransaction", // fills nonce/gas/fees of an unsigned transaction; signs nothing
  "eth_gasPrice",
  "eth_getBalance",
  "eth_getBlockByHash",
  "eth_getBlockByNumber",
  "eth_getCode",
  "eth_getLogs",
  "eth_getTransactionByHash",
  "eth_getTransactionCount",
  "eth_getTransactionReceipt",
  "eth_maxPriorityFeePerGas",
  "eth_sendRawTransaction",
  "net_version",
]);

export const POST = handler(async (request: Request) => {
  // Staff of an active organisation only, reads included: chain reads are custody data.
  await requireOrganisation(request, ANY_ORGANISATION);
  const body = await readJson(request, 256 * 1024);
  const calls = Array.isArray(body) ? body : [body];
  if (calls.length === 0 || calls.length > 50)
    throw new DomainError("MalformedRpc", "Send one JSON-RPC request or a batch of at most 50.");
  for (const call of calls) {
    const method = call !== null && typeof call === "object" ? (call as { method?: unknown }).method : undefined;
    if (typeof method !== "string")
      throw new DomainError("MalformedRpc", "Each JSON-RPC request is an object whose method is a string.");
    if (!ALLOWED.has(method))
      throw new DomainError("RpcMethodNotAllowed", `The method ${method.slice(0, 64)} is not available here.`);
  }
  let upstream: Response;
  try {
    upstream = await fetch(env.CHAIN_RPC_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new DomainError("ChainUnavailable", "The chain node cannot be reached right now. Try again shortly.");
  }
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
});
