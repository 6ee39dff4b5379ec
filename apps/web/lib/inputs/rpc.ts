/**
 * POST /api/rpc: the browser's JSON-RPC to the chain node (built by viem in the wallet config). Read
 * methods and already-signed transactions pass; nothing that would make the node sign (no
 * eth_sendTransaction, no eth_sign) and nothing that changes the node (no anvil_/evm_/debug_).
 */
import * as z from "zod/mini";
import { refuse, refusing } from "./refusal";

export const RPC_METHODS = new Set([
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

const ONE_CALL = "Each JSON-RPC request is an object whose method is a string.";

const call = refusing(
  z.looseObject({
    method: refusing(
      z.string().check(
        z.superRefine((method: string, ctx) => {
          if (!RPC_METHODS.has(method))
            refuse(ctx, "RpcMethodNotAllowed", `The method ${method.slice(0, 64)} is not available here.`);
        }),
      ),
      "MalformedRpc",
      ONE_CALL,
    ),
  }),
  "MalformedRpc",
  ONE_CALL,
);

/** One request or a batch of 1 to 50 (the body is forwarded as sent). */
export const rpcRequest = refusing(
  z.pipe(
    z.transform((body: unknown) => (Array.isArray(body) ? body : [body])),
    z.array(call).check(z.minLength(1), z.maxLength(50)),
  ),
  "MalformedRpc",
  "Send one JSON-RPC request or a batch of at most 50.",
);
