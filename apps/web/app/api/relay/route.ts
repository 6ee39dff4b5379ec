import { createWalletClient, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { env } from "@/lib/env";
import { DomainError, handler, json, readInput } from "@/lib/http";
import { relayRequest } from "@/lib/inputs/passkey";
import { chain, ledger, publicClient, units } from "@/lib/ledger";
import { relayIntent } from "@/lib/passkey/relay";
import { db } from "@/lib/db";
import { ANY_ORGANISATION, requestLocale, requestSession, requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

let wallet: ReturnType<typeof relayerWallet> | undefined;
const relayerWallet = (key: `0x${string}`) =>
  createWalletClient({ account: privateKeyToAccount(key), chain, transport: http(env.CHAIN_RPC_URL) });

/**
 * POST /api/relay {target?, call, organisation, member, nonce, deadline, qx, qy, auth}: sends the signed-in passkey
 * member's intent with the network's relayer to the ledger, or to LogisticUnits (`target: "units"`), and answers
 * `{hash, block}` once it is mined. The signed-in member must be the intent's member; the contract's refusal comes
 * back as a 4xx with its sentence before anything is sent.
 */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION);
  const intent = await readInput(request, relayRequest, 40_000);
  // Only a passkey session's writes are relayed, signed with that session's passkey (its stored public key).
  const claims = (await requestSession(request))?.claims;
  const key =
    claims?.method === "passkey" && claims.credentialId
      ? await db().passkey.findUnique({ where: { credentialId: claims.credentialId } })
      : null;
  if (!env.RELAYER_PRIVATE_KEY)
    throw new DomainError("RelayUnavailable", "No relayer is configured (RELAYER_PRIVATE_KEY).");
  const deployment = await ledger();
  if (!deployment) throw new DomainError("ChainUnavailable", "The ledger cannot be read right now; try again.");
  wallet ??= relayerWallet(env.RELAYER_PRIVATE_KEY as `0x${string}`);
  const done = await relayIntent(
    {
      publicClient,
      wallet,
      ledger: deployment.address,
      units: intent.target === "units" ? ((await units()) ?? null) : null,
    },
    key && { account: org.member.account, qx: key.publicKeyX as `0x${string}`, qy: key.publicKeyY as `0x${string}` },
    intent,
    requestLocale(request),
  );
  return json(done, { headers: { "cache-control": "no-store" } });
});
