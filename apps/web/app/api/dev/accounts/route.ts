import { ANVIL_CHAIN_ID, ANVIL_MNEMONIC } from "@tracemed/chain/node";
import { mnemonicToAccount } from "viem/accounts";
import { toHex } from "viem";
import { db } from "../../../../lib/db";
import { env } from "../../../../lib/env";
import { handler, json, notFound } from "../../../../lib/http";

export const dynamic = "force-dynamic";

/**
 * The demo organisations' accounts on the embedded chain, with their keys: anvil's published
 * development mnemonic, the same on every machine, worthless anywhere else. On any other chain
 * (or with LOCAL_DEMO_ACCOUNTS=off) this route does not exist.
 */
export const GET = handler(async () => {
  if (env.CHAIN_ID !== ANVIL_CHAIN_ID || env.LOCAL_DEMO_ACCOUNTS !== "on")
    throw notFound("NotFound", "There are no local demo accounts on this network.");
  const organisations = await db().organisation.findMany({ orderBy: { onboardedAt: "asc" } });
  const byAccount = new Map(organisations.map((o) => [o.account, o]));
  const accounts = [];
  for (let index = 0; index < 20; index++) {
    const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
    const org = byAccount.get(account.address.toLowerCase());
    const key = account.getHdKey().privateKey;
    if (!org || !key) continue;
    accounts.push({
      address: account.address,
      privateKey: toHex(key),
      name: org.name,
      roles: org.roles,
      suspended: org.suspended,
    });
  }
  return json({ chainId: env.CHAIN_ID, accounts }, { headers: { "cache-control": "no-store" } });
});
