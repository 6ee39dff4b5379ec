"use client";
/**
 * A wagmi connector for the demo organisations' accounts on the embedded chain: it signs in the
 * page with the published development keys, so a newcomer can act as each role without installing
 * a wallet. The keys come from /api/dev/accounts, which exists only on the local chain; on any other
 * network this connector has nothing to offer and the app shows only injected wallets.
 */
import { createConnector } from "wagmi";
import {
  createWalletClient,
  custom,
  getAddress,
  http,
  numberToHex,
  type Address,
  type Chain,
  type EIP1193RequestFn,
  type Hex,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

export interface LocalDemoAccount {
  address: Address;
  privateKey: Hex;
  /** the organisation's name */
  name: string;
  roles: number;
  suspended: boolean;
  /** the member's permission bits */
  permissions: number;
  /** whether this key is the organisation's founding admin (its id) */
  founding: boolean;
}

const STORAGE_KEY = "tracemed.localAccount";
let selected: LocalDemoAccount | undefined;
const listeners = new Set<(a: LocalDemoAccount | undefined) => void>();

/** Picks the account the connector signs with (and remembers it across reloads of this tab). */
export function selectLocalAccount(account: LocalDemoAccount | undefined) {
  selected = account;
  if (typeof sessionStorage !== "undefined") {
    if (account) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(account));
    else sessionStorage.removeItem(STORAGE_KEY);
  }
  for (const l of listeners) l(account);
}

function restore(): LocalDemoAccount | undefined {
  if (selected || typeof sessionStorage === "undefined") return selected;
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    selected = raw ? (JSON.parse(raw) as LocalDemoAccount) : undefined;
  } catch {
    selected = undefined;
  }
  return selected;
}

export const LOCAL_CONNECTOR_ID = "tracemedLocal";

export function localAccounts(rpcUrl: string) {
  return createConnector<{ request: EIP1193RequestFn }>((config) => {
    const chain: Chain = config.chains[0];
    const client = (): WalletClient => {
      const current = restore();
      if (!current) throw new Error("Choose a local demo account first.");
      return createWalletClient({ account: privateKeyToAccount(current.privateKey), chain, transport: http(rpcUrl) });
    };
    return {
      id: LOCAL_CONNECTOR_ID,
      name: "Local demo accounts",
      type: "tracemedLocal",
      async setup() {
        listeners.add((a) => {
          if (a) config.emitter.emit("change", { accounts: [getAddress(a.address)] });
        });
      },
      async connect() {
        const current = restore();
        if (!current) throw new Error("Choose a local demo account first.");
        return { accounts: [getAddress(current.address)] as never, chainId: chain.id };
      },
      async disconnect() {
        selectLocalAccount(undefined);
      },
      async getAccounts() {
        const current = restore();
        return current ? [getAddress(current.address)] : [];
      },
      async getChainId() {
        return chain.id;
      },
      async isAuthorized() {
        return Boolean(restore());
      },
      async getClient() {
        return client() as never;
      },
      async getProvider() {
        // For code that asks for an EIP-1193 provider: signing stays local, reads go to the node.
        const request: EIP1193RequestFn = async ({ method, params }) => {
          if (method === "eth_chainId") return numberToHex(chain.id);
          if (method === "eth_accounts" || method === "eth_requestAccounts")
            return restore() ? [getAddress(restore()!.address)] : [];
          if (method === "personal_sign") {
            const [data] = params as [Hex, Address];
            return client().signMessage({ account: client().account!, message: { raw: data } });
          }
          return custom({ request: (args) => fetchRpc(rpcUrl, args) })({ chain }).request({
            method,
            params,
          } as never);
        };
        return { request };
      },
      onAccountsChanged() {},
      onChainChanged() {},
      onDisconnect() {
        config.emitter.emit("disconnect");
      },
    };
  });
}

async function fetchRpc(url: string, args: { method: string; params?: unknown }) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, ...args }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result;
}
