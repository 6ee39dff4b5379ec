import { readFile, writeFile } from "node:fs/promises";
import type { Deployment } from "@tracemed/chain";

const FILE = "packages/chain/src/generated/deployments.json";

/** Records where the ledger lives on `chainId` in the generated module that apps import. */
export async function recordDeployment(root: string, chainId: number, d: Deployment): Promise<boolean> {
  const path = `${root}/${FILE}`;
  const all = JSON.parse(await readFile(path, "utf8").catch(() => "{}")) as Record<string, unknown>;
  const entry = { CustodyLedger: { address: d.address, deployedOnBlock: Number(d.deployedOnBlock) } };
  if (JSON.stringify(all[String(chainId)]) === JSON.stringify(entry)) return false;
  all[String(chainId)] = entry;
  await writeFile(path, JSON.stringify(all, null, 2) + "\n");
  return true;
}
