import { ANVIL_MNEMONIC, EMBEDDED_ACCOUNTS } from "@tracemed/chain/node";
import { mnemonicToAccount } from "viem/accounts";
import { toHex } from "viem";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { localDemoAccounts } from "@/lib/ledger";
import { DomainError } from "@tracemed/errors";
import { handler, json } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * The demo organisations' members' accounts on the embedded chain, with their keys: anvil's published
 * development mnemonic, the same on every machine, worthless anywhere else. On any chain the start
 * command did not start itself (EMBEDDED_CHAIN, whatever the chain id), or with LOCAL_DEMO_ACCOUNTS=off,
 * this route does not exist.
 */
/** the development accounts the embedded chain funds, derived once (HD derivation is the slow part). */
let devAccounts: { address: string; privateKey: `0x${string}` }[] | undefined;
const developmentAccounts = () =>
  (devAccounts ??= Array.from({ length: EMBEDDED_ACCOUNTS }, (_, addressIndex) => {
    const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex });
    return { address: account.address, privateKey: toHex(account.getHdKey().privateKey!) };
  }));

export const GET = handler(async () => {
  if (!localDemoAccounts) throw new DomainError("NotFound", "There are no local demo accounts on this network.");
  const [organisations, members] = await Promise.all([
    db().organisation.findMany({ orderBy: { onboardedAt: "asc" } }),
    db().member.findMany(),
  ]);
  const orgById = new Map(organisations.map((o) => [o.account, o]));
  const memberByAccount = new Map(members.map((x) => [x.account, x]));
  const accounts = [];
  // Every development key that is a member of an organisation: its founding admin, and its other members.
  for (const account of developmentAccounts()) {
    const member = memberByAccount.get(account.address.toLowerCase());
    const org = member ? orgById.get(member.organisation) : undefined;
    if (!member || !org) continue;
    accounts.push({
      address: account.address,
      privateKey: account.privateKey,
      name: org.name,
      roles: org.roles,
      suspended: org.suspended,
      permissions: member.permissions,
      founding: org.account === member.account,
    });
  }
  return json({ chainId: env.CHAIN_ID, accounts }, { headers: { "cache-control": "no-store" } });
});
