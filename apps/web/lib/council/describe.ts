/**
 * What a council operation does, in words: the calldata the AccessManager will pass to the ledger (or to
 * itself) decoded and named with the organisations and batches it touches ("Suspend Alpenwerk Pharma
 * GmbH", "Recall lot A1 of Amoxicillin 500 mg"). Pure: the page gives the names it read from the database.
 */
import { accessManagerAbi, bytes2ToCountry, custodyLedgerAbi, roleNames } from "@tracemed/chain";
import { decodeFunctionData, type Hex } from "viem";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { reasonForStaff } from "@tracemed/chain";

/** The names an operation's sentence may need, by lower-case id. */
export interface OperationNames {
  organisations: ReadonlyMap<string, string>;
  batches: ReadonlyMap<string, { lot: string; product: string }>;
}

export interface CouncilCall {
  target: string;
  data: string;
}

type Ops = Messages["org"]["ops"];

/** One sentence for an operation on the ledger or on the council itself; a neutral one for any other call. */
export function describeOperation(m: Messages, call: CouncilCall, ledger: string, names: OperationNames): string {
  const lines = describeCalls(m, call, ledger, names);
  return lines.join("; ");
}

function describeCalls(m: Messages, call: CouncilCall, ledger: string, names: OperationNames): string[] {
  const o = m.org.ops;
  const unknown = () => [fmt(o.unknown, { selector: call.data.slice(0, 10), target: call.target })];
  if (call.target.toLowerCase() !== ledger.toLowerCase()) {
    try {
      const { functionName, args } = decodeFunctionData({ abi: accessManagerAbi, data: call.data as Hex });
      if (functionName === "grantRole" || functionName === "revokeRole")
        return [fmt(o[functionName], { account: orgOrAccount(names, args[1]) })];
    } catch {
      // not a council call this page knows
    }
    return unknown();
  }
  let decoded;
  try {
    decoded = decodeFunctionData({ abi: custodyLedgerAbi, data: call.data as Hex });
  } catch {
    return unknown();
  }
  const { functionName, args } = decoded as { functionName: string; args: readonly unknown[] };
  if (functionName === "multicall")
    return (args[0] as readonly Hex[]).flatMap((data) => describeCalls(m, { target: ledger, data }, ledger, names));
  return [ledgerSentence(m, o, functionName, args, names) ?? unknown()[0]!];
}

const orgOrAccount = (names: OperationNames, account: unknown) =>
  names.organisations.get(String(account).toLowerCase()) ?? String(account);

function ledgerSentence(
  m: Messages,
  o: Ops,
  fn: string,
  args: readonly unknown[],
  names: OperationNames,
): string | null {
  const org = () => orgOrAccount(names, args[0]);
  const batch = () => {
    const b = names.batches.get(String(args[0]).toLowerCase());
    return { lot: b?.lot ?? String(args[0]), product: b?.product ?? "?" };
  };
  const roles = (bits: unknown) =>
    roleNames(Number(bits))
      .map((r) => m.common.roles[r])
      .join(", ");
  switch (fn) {
    case "suspend":
    case "reinstate":
      return fmt(o[fn], { org: org() });
    case "setCompanyPrefixes": {
      const prefixes = args[1] as readonly string[];
      return prefixes.length === 0
        ? fmt(o.clearCompanyPrefixes, { org: org() })
        : fmt(o.setCompanyPrefixes, { prefixes: prefixes.join(", "), org: org() });
    }
    case "updateOrganisation":
      return fmt(o.updateOrganisation, {
        org: org(),
        name: String(args[4]),
        roles: roles(args[1]),
        gln: String(args[2]),
        country: bytes2ToCountry(args[3] as Hex),
      });
    case "onboard":
      return fmt(o.onboard, { name: String(args[4]), roles: roles(args[1]), account: String(args[0]) });
    case "recall":
    case "quarantine":
      return fmt(o[fn], { ...batch(), reason: reasonForStaff(String(args[1])) });
    case "release":
      return fmt(o.release, batch());
    case "recoverOrganisation":
      return fmt(o.recoverOrganisation, { org: org(), account: String(args[1]) });
    case "upgradeToAndCall":
      return fmt(o.upgradeToAndCall, { address: String(args[0]) });
    default:
      return null;
  }
}
