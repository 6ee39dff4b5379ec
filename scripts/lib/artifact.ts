import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Abi, Hex } from "viem";
import type { LedgerArtifact } from "@tracemed/chain";

/** Reads the compiled artifact of `contracts/<name>.sol` written by `hardhat compile`. */
async function readArtifact(root: string, name: string): Promise<LedgerArtifact> {
  const file = path.join(root, `artifacts/contracts/${name}.sol/${name}.json`);
  const json = JSON.parse(await readFile(file, "utf8")) as { abi: Abi; bytecode: Hex };
  return { abi: json.abi, bytecode: json.bytecode };
}

/** Reads the compiled CustodyLedger artifact written by `hardhat compile`. */
export const readLedgerArtifact = (root: string): Promise<LedgerArtifact> => readArtifact(root, "CustodyLedger");

/** Reads the compiled CouncilQuorum artifact, so that contract tests deploy the source as it is now. */
export const readQuorumArtifact = (root: string): Promise<LedgerArtifact> => readArtifact(root, "CouncilQuorum");

/** Reads the compiled LogisticUnits artifact, so that contract tests deploy the source as it is now. */
export const readUnitsArtifact = (root: string): Promise<LedgerArtifact> => readArtifact(root, "LogisticUnits");
