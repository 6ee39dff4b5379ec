import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { deploymentKey, type ChainIdentity, type Deployment } from "@tracemed/chain";

/** The generated module that apps import the ledger's address from. */
export const DEPLOYMENTS_FILE = "packages/chain/src/generated/deployments.json";

/**
 * Records where the ledger (its proxy), its council, the council's quorum and the cases-and-pallets contract live on `chain` (chain id + genesis hash) in `file`
 * (relative to `root`).
 */
export async function recordDeployment(
  root: string,
  chain: ChainIdentity,
  d: Deployment,
  file = DEPLOYMENTS_FILE,
): Promise<boolean> {
  const target = path.resolve(root, file);
  const all = JSON.parse(await readFile(target, "utf8").catch(() => "{}")) as Record<string, unknown>;
  const entry = {
    CustodyLedger: { address: d.address, deployedOnBlock: Number(d.deployedOnBlock) },
    Council: { address: d.council },
    Quorum: { address: d.quorum },
    LogisticUnits: { address: d.units, deployedOnBlock: Number(d.unitsDeployedOnBlock) },
  };
  const key = deploymentKey(chain);
  if (JSON.stringify(all[key]) === JSON.stringify(entry)) return false;
  all[key] = entry;
  await writeFile(target, JSON.stringify(all, null, 2) + "\n");
  return true;
}
