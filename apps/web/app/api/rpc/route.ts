import { DomainError } from "@tracemed/errors";
import { env } from "@/lib/env";
import { handler, parseInput, readJson } from "@/lib/http";
import { rpcRequest } from "@/lib/inputs/rpc";
import { ANY_ORGANISATION, requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * The browser's way to the chain node, so that staff pages talk only to this host; the methods that
 * pass are rpcRequest's (lib/inputs/rpc.ts).
 * Only for signed-in staff of an organisation of the network: it is a staff tool, and chain reads
 * (every event, every shipment's parties and quantities) are custody data (lib/readPolicy.ts).
 */
export const POST = handler(async (request: Request) => {
  // Staff of an active organisation only, reads included: chain reads are custody data.
  await requireOrganisation(request, ANY_ORGANISATION);
  const body = await readJson(request, 256 * 1024);
  parseInput(rpcRequest, body);
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
