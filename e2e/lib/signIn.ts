/** Staff sign-in over HTTP for the specs, as the browser's StaffMenu does it (EIP-4361). */
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ANVIL_MNEMONIC } from "@tracemed/chain/node";
import { mnemonicToAccount } from "viem/accounts";
import { signInMessage } from "../../apps/web/lib/session/signInMessage";

/** Asks for a nonce and sends the message signed by the demo organisation with anvil account `index`. */
export async function trySignIn(request: APIRequestContext, baseURL: string, index: number): Promise<APIResponse> {
  const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
  const { nonce, chainId } = (await (await request.post("/api/auth/nonce")).json()) as {
    nonce: string;
    chainId: number;
  };
  const message = signInMessage({ url: baseURL, address: account.address, nonce, chainId });
  return request.post("/api/auth/sign-in", { data: { message, signature: await account.signMessage({ message }) } });
}

/** Signs the request context in as the demo organisation with anvil account `index`. */
export async function signIn(request: APIRequestContext, baseURL: string, index: number): Promise<void> {
  const res = await trySignIn(request, baseURL, index);
  expect(res.status(), await res.text()).toBe(200);
}
