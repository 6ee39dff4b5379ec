import { z } from "zod";
import { DomainError } from "@tracemed/errors";
import { handler, json, readJson } from "@/lib/http";
import { clientAddress, clientHash, coarseRegion } from "@tracemed/verification/clientInfo";
import { clientLimiter, scanSalt, verifyDeps } from "@/lib/verification";
import { verifyPack } from "@tracemed/verification/verifyPack";

export const dynamic = "force-dynamic";

const Body = z.object({
  gtin: z.string().max(20),
  lot: z.string().max(40),
  serial: z.string().max(40),
  pin: z.string().max(64),
});

/** POST { gtin, lot, serial, pin } -> the verdict. No wallet, no account. */
export const POST = handler(async (request: Request) => {
  const address = clientAddress(request.headers);
  const wait = clientLimiter.take(address);
  if (wait > 0) {
    throw new DomainError("TooManyChecks", `Too many checks from this device. Try again in ${wait} seconds.`, {
      retryAfterSeconds: wait,
    });
  }
  const parsed = Body.safeParse(await readJson(request));
  if (!parsed.success) {
    throw new DomainError("InvalidRequest", "Send gtin, lot, serial and pin as strings.");
  }
  const result = await verifyPack(await verifyDeps(), {
    ...parsed.data,
    region: coarseRegion(request.headers),
    clientHash: clientHash(address, scanSalt),
  });
  return json(result, { headers: { "cache-control": "no-store" } });
});
