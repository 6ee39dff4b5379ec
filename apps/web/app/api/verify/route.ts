import { DomainError } from "@tracemed/errors";
import { handler, json, readInput } from "@/lib/http";
import { verifyRequest } from "@tracemed/verification/request";
import { clientAddress, clientHash } from "@tracemed/verification/clientInfo";
import { regionOf } from "@tracemed/verification/region";
import { frontClientAddress } from "@/lib/frontGate";
import { clientLimiter, scanSalt, verifyDeps } from "@/lib/verification";
import { verifyPack } from "@tracemed/verification/verifyPack";

export const dynamic = "force-dynamic";

/** POST { gtin, lot, serial, pin } -> the verdict. No wallet, no account. */
export const POST = handler(async (request: Request) => {
  const address = clientAddress(request.headers);
  const wait = clientLimiter.take(address);
  if (wait > 0) {
    throw new DomainError("TooManyChecks", `Too many checks from this device. Try again in ${wait} seconds.`, {
      retryAfterSeconds: wait,
    });
  }
  const input = await readInput(request, verifyRequest);
  const result = await verifyPack(await verifyDeps(), {
    ...input,
    region: regionOf(frontClientAddress(request)),
    clientHash: clientHash(address, scanSalt),
  });
  return json(result, { headers: { "cache-control": "no-store" } });
});
