"use client";
/**
 * A write signed with the session's passkey, on the ledger or on the cases-and-pallets contract (LogisticUnits): the
 * call becomes an intent for that contract (the member's next intent nonce there, a deadline ten minutes on), the
 * passkey signs its EIP-712 digest (verifyingContract: that contract) as the WebAuthn challenge, and the network's
 * relayer sends it (POST /api/relay). The contract checks the signature itself: neither this server nor the relayer
 * can change, replay or redirect it.
 */
import { startAuthentication } from "@simplewebauthn/browser";
import { custodyLedgerAbi, intentTypedData, logisticUnitsAbi, webAuthnAuthFrom } from "@tracemed/chain";
import { encodeFunctionData, hashTypedData, hexToBytes, type Abi, type Hash, type Hex } from "viem";
import type { Config } from "wagmi";
import { readContract } from "wagmi/actions";
import { relayRequest, type RelayRequest } from "@/lib/inputs/passkey";
import { postJson } from "@/lib/postJson";
import type { PublicChainConfig } from "./config";

/** How long a signed intent stays valid. */
export const INTENT_SECONDS = 10 * 60;

const b64url = (bytes: Uint8Array) => {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

export interface PasskeySession {
  account: `0x${string}`;
  organisation: `0x${string}`;
  credentialId: string;
}

/**
 * Signs `call` (a call of the ledger, or of LogisticUnits for `target: "units"`) with the session's passkey and has
 * the relayer send it; its hash and block.
 */
export async function writeWithPasskey(
  config: Config,
  chain: PublicChainConfig,
  session: PasskeySession,
  call: { abi: Abi; functionName: string; args: readonly unknown[] },
  target: "ledger" | "units" = "ledger",
): Promise<{ hash: Hash; block: bigint }> {
  const contract = target === "units" ? chain.unitsAddress! : chain.ledgerAddress!;
  const data = encodeFunctionData(call as never) as Hex;
  const nonce = await readContract(config, {
    address: contract,
    abi: target === "units" ? logisticUnitsAbi : custodyLedgerAbi,
    functionName: "intentNonce",
    args: [session.account],
  });
  const deadline = Math.floor(Date.now() / 1000) + INTENT_SECONDS;
  const digest = hashTypedData(
    intentTypedData({
      chainId: chain.chainId,
      ledger: contract,
      member: session.account,
      organisation: session.organisation,
      call: data,
      nonce,
      deadline,
    }),
  );
  const assertion = await startAuthentication({
    optionsJSON: {
      challenge: b64url(hexToBytes(digest)),
      rpId: new URL(chain.publicOrigin).hostname,
      allowCredentials: [{ id: session.credentialId, type: "public-key" }],
      userVerification: "required",
      timeout: 120_000,
    },
  });
  // r and a low s from the DER signature, and where the challenge and type sit in clientDataJSON.
  const auth = webAuthnAuthFrom(assertion.response);
  const body: RelayRequest = {
    target,
    call: data,
    organisation: session.organisation,
    member: session.account,
    nonce: nonce.toString(),
    deadline,
    auth: {
      ...auth,
      challengeIndex: auth.challengeIndex.toString(),
      typeIndex: auth.typeIndex.toString(),
    },
  };
  const done = await postJson<{ hash: Hash; block: string }>("/api/relay", body, relayRequest);
  return { hash: done.hash, block: BigInt(done.block) };
}
