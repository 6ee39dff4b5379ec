/**
 * Passkey intents in contract tests: a software passkey signs a call for the ledger or for LogisticUnits (each
 * has its own nonces and EIP-712 domain), and a relayer that belongs to no organisation sends it.
 */
import { encodeFunctionData, type Address, type Hex } from "viem";
import { createSoftPasskey, type SoftPasskey } from "@tracemed/chain/node/passkey";
import type { Wallet, World } from "./ledger.js";

export type Intent = Parameters<SoftPasskey["signIntent"]>[0];
export type IntentArgs = ReturnType<SoftPasskey["signIntent"]>;

/** Intent helpers for `target` of world `w`, relayed by `relayer`. */
export function intentsOn(w: World, target: "ledger" | "units", relayer: Wallet) {
  const contract = target === "units" ? w.units : w.ledger;
  const account = { account: relayer.account };
  /** The intent the passkey would sign for `call`: its next nonce there, valid for ten minutes. */
  const intentFor = async (passkey: SoftPasskey, organisation: Address, call: Hex): Promise<Intent> => {
    const [chainId, now] = await Promise.all([w.client.getChainId(), w.networkHelpers.time.latest()]);
    const nonce = await contract.read.intentNonce([passkey.member]);
    return { chainId, ledger: contract.address, organisation, call, nonce, deadline: now + 600 };
  };
  return {
    /** A call of the target, encoded as an intent carries it. */
    call: (functionName: string, args: readonly unknown[]): Hex =>
      encodeFunctionData({ abi: contract.abi, functionName, args } as never),
    intentFor,
    /** The passkey signs `call` for `organisation` with its next nonce, valid for ten minutes. */
    signed: async (passkey: SoftPasskey, organisation: Address, call: Hex) =>
      passkey.signIntent(await intentFor(passkey, organisation, call)),
    /** The relayer sends the intent. */
    relay: (args: IntentArgs) =>
      target === "units" ? w.units.write.executeIntent(args, account) : w.ledger.write.executeIntent(args, account),
    /** A new passkey, added by `org`'s founding admin with `permissions`. */
    async memberOf(org: Wallet, permissions: number) {
      const passkey = createSoftPasskey();
      await w.ledger.write.addMember([passkey.member, permissions], { account: org.account });
      return passkey;
    },
  };
}
