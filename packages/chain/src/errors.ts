import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex } from "viem";
import { custodyLedgerAbi } from "./generated/custodyLedger";
import { logisticUnitsAbi } from "./generated/logisticUnits";
import { roleNames } from "./roles";

/** A ledger refusal as a person reads it: a stable code for programs, a sentence for people. */
export interface LedgerErrorInfo {
  code: string;
  message: string;
  args: readonly unknown[];
}

const roles = (mask: unknown) =>
  roleNames(Number(mask))
    .map((r) => r.toLowerCase())
    .join(" or ") || "no role";
const short = (id: unknown) => (typeof id === "string" && id.length > 14 ? `${id.slice(0, 10)}…` : String(id));

const gtin = (g: unknown) => String(g).padStart(14, "0");
const sscc = (n: unknown) => String(n).padStart(18, "0");
/** Unix seconds as HH:MM in UTC. */
const utcTime = (seconds: unknown) => new Date(Number(seconds) * 1000).toISOString().slice(11, 16);

/** A refused character as the ledger reports it (Text.NOT_UTF8 for bytes that are not UTF-8). */
export const describeRefusedCodePoint = (codePoint: unknown): string =>
  Number(codePoint) === 0xffffffff
    ? "bytes that are not UTF-8"
    : `U+${Number(codePoint).toString(16).toUpperCase().padStart(4, "0")}`;
const refusedText = (what: string, a: readonly unknown[]) =>
  `The ${what} contains ${describeRefusedCodePoint(a[1])}: the ledger refuses control, bidirectional and ` +
  "invisible characters. Retype it as plain text.";

const SENTENCES: Record<string, (a: readonly unknown[]) => string> = {
  OrgUnknown: (a) => `The account ${a[0]} is not an organisation of this network.`,
  OrgAlreadyOnboarded: (a) => `The account ${a[0]} is already an organisation of this network.`,
  OrgMissingRole: (a) => `This organisation acts as ${roles(a[1])}, but only a ${roles(a[2])} may do this.`,
  OrgIsSuspended: () =>
    "This organisation is suspended and cannot record anything until the regulator council reinstates it.",
  OrgSuspensionUnchanged: (a) =>
    a[1] ? "This organisation is already suspended." : "This organisation is not suspended.",
  OrgNotMember: (a) => `The account ${a[0]} is not a member of any organisation of this network.`,
  OrgMissingPermission: () => "Your organisation's admin has not given you the permission this needs.",
  OrgAlreadyMember: (a) => `The account ${a[0]} is already a member of an organisation (${a[1]}).`,
  OrgNotMemberOf: (a) => `The account ${a[0]} is not a member of your organisation.`,
  OrgInvalidPermissions: () => "Choose at least one valid permission for the member.",
  OrgLastAdmin: () => "The organisation's last admin cannot be removed or lose the admin permission.",
  OrgGlnTaken: (a) => `The GLN ${a[0]} already belongs to another organisation (${a[1]}).`,
  LedgerNotCouncil: () => "Only the regulator council may do this: propose it on the council's page.",
  OrgInvalidRoles: () => "Choose at least one valid role for the organisation.",
  OrgInvalidGln: (a) => `${a[0]} is not a valid 13-digit GLN (check the last digit).`,
  OrgInvalidCountry: () => "The country must be a two-letter ISO code such as CN or DE.",
  OrgInvalidName: () => "The organisation name must be 1 to 128 characters long.",
  OrgInvalidNameCharacter: (a) => refusedText("organisation name", a),
  OrgZeroAccount: () => "The organisation needs a real account address.",
  OrgInvalidPrefix: (a) => `${a[0]} is not a GS1 company prefix: it must be 4 to 12 digits.`,
  OrgTooManyPrefixes: (a) => `An organisation holds at most 3 company prefixes, not ${a[0]}.`,
  OrgPrefixHeld: (a) => `The company prefix ${a[0]}, or a shorter prefix of it, is already assigned (to ${a[1]}).`,
  OrgPrefixCovers: (a) =>
    `The company prefix ${a[0]} lies over a longer prefix already assigned: GTINs under that one have their owner.`,
  OrgGtinNotAssigned: (a) =>
    `The GTIN ${gtin(a[0])} is not under any of this manufacturer's company prefixes; the council assigns them.`,
  BatchAlreadyRegistered: () => "A batch with this GTIN and lot is already registered.",
  BatchUnknown: (a) => `No batch ${short(a[0])} is registered.`,
  BatchInvalidGtin: (a) => `${a[0]} is not a valid GTIN (check the last digit).`,
  BatchInvalidLot: () => "The lot number must be 1 to 20 characters long.",
  BatchInvalidLotCharacter: (a) =>
    `Character ${Number(a[0]) + 1} of the lot number is not allowed: GS1 allows only letters, digits and ` +
    `!"%&'()*+,-./:;<=>?_ in a lot.`,
  BatchInvalidPackCount: () => "A batch has 1 to 10,000,000 packs.",
  BatchInvalidExpiry: () => "The expiry date must be in the future.",
  BatchInvalidRoot: () => "The batch has no pack codes committed.",
  BatchIsRecalled: () => "This batch is recalled and cannot be shipped, dispensed or changed.",
  BatchIsQuarantined: () => "This batch is quarantined and cannot move until a regulator releases it.",
  BatchNotQuarantined: () => "This batch is not quarantined.",
  BatchExpired: () => "This batch has expired and cannot be dispensed.",
  BatchNotManufacturer: () => "Only the batch's own manufacturer or the regulator council may recall it.",
  BatchInvalidReason: () => "Give a reason of 1 to 512 characters.",
  BatchInvalidReasonCharacter: (a) => refusedText("reason", a),
  CustodyInsufficientStock: (a) => `You hold ${a[2]} packs of this batch, fewer than the ${a[3]} needed.`,
  CustodyZeroQuantity: () => "The quantity must be at least 1.",
  CustodySelfShipment: () => "An organisation cannot ship to itself.",
  CustodyShipmentExists: () => "This shipment was already recorded.",
  CustodyShipmentNotInTransit: (a) =>
    [
      "No such shipment was sent to you.",
      "",
      "This shipment was already received.",
      "This shipment was cancelled.",
      "This shipment was refused.",
      "A cancellation of this shipment was already requested.",
    ][Number(a[1])] || "This shipment is not in transit.",
  CustodyCancelNotRequested: () => "Request the cancellation first; it can be completed 48 hours later if uncontested.",
  CustodyCancelNoticeRunning: (a) =>
    `The recipient can still contest this cancellation until ${new Date(Number(a[1]) * 1000).toISOString()}.`,
  CustodyReceivedExceedsShipped: (a) => `Only ${a[1]} packs were shipped; you cannot receive ${a[2]}.`,
  CustodyInvalidReason: () => "Give a reason of 1 to 512 characters.",
  CustodyInvalidReasonCharacter: (a) => refusedText("reason", a),
  PackIndexOutOfRange: () => "This pack code does not belong to the batch.",
  PackInvalidProof: () => "This pack code does not belong to the batch.",
  PackInvalidMultiProof: () => "One of the scanned pack codes does not belong to the batch.",
  PackListMismatch: () => "The list of packs is empty or incomplete.",
  PackAlreadyDispensed: (a) => `Pack #${a[1]} was already dispensed: do not hand it out, it may be a copy.`,
  PackNotDispensedByCaller: (a) => `Pack #${a[1]} was not dispensed by your pharmacy in that hour.`,
  PackUndoWindowClosed: () => "A dispense can only be undone within 240 hours.",
  PackAlreadyClaimed: (a) => `Pack #${a[1]} was already verified by a consumer.`,
  // Passkey intents (IRelayedIntents: the ledger's and LogisticUnits'): a passkey member's write, relayed.
  IntentExpired: () => "This signed request has expired: sign it again with your passkey.",
  IntentBadNonce: () =>
    "This signed request was already used, or another one came first: sign it again with your passkey.",
  IntentBadSignature: () =>
    "Your passkey's signature does not match this request (it was changed, or signed for another network or " +
    "contract): sign it again with your passkey.",
  IntentNotMember: () => "This passkey is not a member of the organisation any more: ask your admin.",
  IntentQuotaExhausted: (a) =>
    `Your organisation has used today's ${a[1]} relayed writes; more from ${utcTime(a[2])} (UTC).`,
  IntentNested: () => "A signed request cannot contain another signed request.",
  // Cases and pallets (LogisticUnits), beside the ledger.
  UnitExists: (a) => `The SSCC ${sscc(a[0])} was already used for a case or pallet; SSCCs are never reused.`,
  UnitUnknown: (a) => `No case or pallet has the SSCC ${sscc(a[0])}.`,
  UnitNotHeld: (a) =>
    `The case or pallet ${sscc(a[0])} is held by another organisation (${a[1]}), and no receipt of it by yours was shown.`,
  UnitOpened: (a) => `The case or pallet ${sscc(a[0])} was opened: it can no longer be moved or packed as a whole.`,
  UnitHasParent: (a) => `The case ${sscc(a[0])} is on the pallet ${sscc(a[1])}: open the pallet first.`,
  UnitEmpty: () => "Put at least one pack or case in it.",
  UnitTooLarge: (a) => `At most ${a[1]} packs and cases go directly into one unit, not ${a[0]}.`,
  UnitInvalidSscc: (a) => `${sscc(a[0])} is not a valid 18-digit SSCC (check the last digit).`,
  UnitForeignSscc: (a) =>
    `The SSCC ${sscc(a[0])} is not under your organisation's company prefixes or GLN: use an SSCC of your own.`,
  UnitPackOutOfRange: (a) => `Pack #${a[1]} does not belong to the batch (it has ${a[2]} packs).`,
  UnitPacksUnordered: (a) => `Pack #${a[1]} is listed twice or out of order.`,
  UnitDuplicateBatch: () => "A batch is listed twice: list each batch's packs together.",
  UnitStockShort: (a) => `You hold ${a[2]} packs of this batch, fewer than the ${a[3]} put in the unit.`,
  UnitReceiptNotReceived: (a) =>
    `No received shipment of ${sscc(a[0])} to your organisation matches: receive it before opening or taking it over.`,
  UnitReceiptNotFromHolder: (a) =>
    `${sscc(a[0])} was not shipped to you by its present holder: only a shipment from the holder lets you open or take it over.`,
  UnitReceiptSpent: (a) =>
    `Your receipt of ${sscc(a[0])} was used already to open or take it over: a later shipment of it to you is needed.`,
  UnitNotMember: (a) => `The account ${a[0]} is not a member of any organisation of this network.`,
  UnitMissingPermission: () =>
    "Packing needs the shipping permission, which your organisation's admin has not given you.",
  UnitMissingRole: () => "Only a manufacturer, distributor or pharmacy packs and opens cases and pallets.",
  UnitOrganisationSuspended: () =>
    "This organisation is suspended and cannot record anything until the regulator council reinstates it.",
  // The council (OpenZeppelin AccessManager): a council call the web app sends is decoded with these too.
  AccessManagerNotReady: () => "The council's delay for this operation has not passed yet.",
  AccessManagerNotScheduled: () => "This operation is not scheduled on the council (it was executed or cancelled).",
  AccessManagerExpired: () => "This operation waited too long after its delay and expired: propose it again.",
  AccessManagerAlreadyScheduled: () => "The same operation is already waiting on the council.",
  AccessManagerUnauthorizedCall: () => "Only a regulator on the council may propose this.",
  AccessManagerUnauthorizedCancel: () => "Only a regulator on the council may cancel this operation.",
  AccessManagerUnauthorizedAccount: () => "Only a regulator on the council may do this.",
  // The council's quorum (CouncilQuorum): approvals sent from the council page.
  QuorumNotCouncilMember: () => "Only a regulator on the council may approve an operation.",
  QuorumProposerCannotApprove: () => "The proposer cannot approve its own proposal: another regulator must.",
  QuorumNotScheduled: () => "This operation is no longer waiting on the council (it was executed or cancelled).",
  QuorumAlreadyApproved: () => "You have already approved this operation.",
};

/** The ledger's errors and those of the contracts beside it (cases and pallets). */
const REVERT_ABI = [...custodyLedgerAbi, ...logisticUnitsAbi.filter((x) => x.type === "error")];

/** Decodes revert data of the CustodyLedger or the LogisticUnits beside it. */
export function decodeLedgerRevert(data: Hex): LedgerErrorInfo | undefined {
  try {
    const decoded = decodeErrorResult({ abi: REVERT_ABI, data });
    const args = decoded.args ?? [];
    return { code: decoded.errorName, args, message: SENTENCES[decoded.errorName]?.(args) ?? decoded.errorName };
  } catch {
    return undefined;
  }
}

/** Turns anything a ledger call threw into a code and a sentence, never hex or a stack trace. */
export function describeLedgerError(error: unknown): LedgerErrorInfo {
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data) {
      const name = reverted.data.errorName;
      const args = reverted.data.args ?? [];
      return { code: name, args, message: SENTENCES[name]?.(args) ?? name };
    }
    const rejected = error.walk((e) => (e as { code?: number }).code === 4001);
    if (rejected) return { code: "UserRejected", args: [], message: "You cancelled the transaction in your wallet." };
    if (error.walk((e) => /insufficient funds/i.test((e as Error).message ?? ""))) {
      return { code: "InsufficientFunds", args: [], message: "The signing account has no funds for the network fee." };
    }
    const transport = (e: unknown) => ["HttpRequestError", "TimeoutError"].includes((e as Error).name);
    if (error.walk(transport)) {
      return { code: "ChainUnavailable", args: [], message: "The ledger node cannot be reached right now; try again." };
    }
  }
  return { code: "Unknown", args: [], message: "The ledger refused the transaction for an unknown reason." };
}
