import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Abi, Hex } from "viem";
import type { LedgerArtifact } from "@tracemed/chain";

/** Reads the compiled CustodyLedger artifact written by `hardhat compile`. */
export async function readLedgerArtifact(root: string): Promise<LedgerArtifact> {
  const file = path.join(root, "artifacts/contracts/CustodyLedger.sol/CustodyLedger.json");
  const json = JSON.parse(await readFile(file, "utf8")) as { abi: Abi; bytecode: Hex };
  return { abi: json.abi, bytecode: json.bytecode };
}
