/**
 * The browser-safe part of @tracemed/codes (no node: imports): GS1 identifiers, Digital Link and
 * element-string reading, PIN format and check digit, batch ids and Merkle proof verification.
 * Client components import "@tracemed/codes/browser"; server code imports "@tracemed/codes".
 */
export * from "./errors";
export { gs1CheckDigit, hasValidGs1CheckDigit } from "./checkDigit";
export { isCset82Char, firstNonCset82 } from "./cset82";
export { displayText, hasHiddenText } from "./displayText";
export {
  NOT_UTF8,
  REFUSED_CODE_POINTS,
  refusedKind,
  firstRefusedInUtf8,
  firstRefusedCharacter,
  oneLine,
  cleanTypedText,
  checkLedgerText,
  MAX_NAME_BYTES,
  MAX_REASON_BYTES,
  type LedgerTextProblem,
  type RefusedKind,
  type TextProblem,
  type TextCharacterProblem,
} from "./text";
export {
  normalizeGtin,
  isValidGtin,
  parseGln,
  parseSscc,
  withCheckDigit,
  gtinToUint64,
  glnToUint64,
  isCompanyPrefix,
  isGtinUnderPrefix,
  readKeyInput,
  type KeyInput,
} from "./keys";
export { parseYymmdd, resolveCentury, gs1DateToIso, expiryToUnixSeconds, toYymmdd, type Gs1Date } from "./expiry";
export { aiSpec, allAis, type AiSpec, type AiComponent } from "./ai";
export { toGs1Data, packElements, type Gs1Data, type Gs1Element, type PackIdentity } from "./gs1Data";
export { type Repair } from "./normalizeInput";
export { detectLayout, fromLayout, toLayout, type KeyboardLayout } from "./keyboardLayout";
export {
  parseElementString,
  buildElementString,
  buildBracketed,
  GS,
  PACK_AIS,
  REPAIR_BEFORE,
  type ParsedElementString,
  type Gs1Reading,
  type ElementStringOptions,
  type BuildElementStringOptions,
} from "./elementString";
export {
  parseDigitalLink,
  buildDigitalLink,
  encodeDigitalLinkValue,
  DEFAULT_RESOLVER,
  type ParsedDigitalLink,
} from "./digitalLink";
export { parseChinaCode, type ChinaTraceCode } from "./chinaCode";
export { parseScan, type ScanResult, type ParsedGtin } from "./scan";
export {
  PIN_DATA_DIGITS,
  PIN_LENGTH,
  PIN_GROUP,
  PIN_ENTROPY_BITS,
  dammCheckDigit,
  isDammValid,
  pinFromDataDigits,
  formatPin,
  readPinInput,
  parsePin,
  type PinInput,
  type PinInputStatus,
} from "./pinFormat";
export {
  SERIAL_ALPHABET,
  DEFAULT_SERIAL_LENGTH,
  serialGuessProbability,
  isGeneratedSerialShape,
  decodeSerial,
} from "./serialFormat";
export {
  readSerialList,
  checkSerialList,
  MAX_SERIAL_CHARS,
  type SerialListProblem,
  type SerialListProblemKind,
} from "./serialList";
export { toHex, toBytes, type Hex } from "./hex";
export { keccak256, type Keccak256 } from "./keccak";
export {
  packLeaf,
  hashPair,
  processProof,
  processMultiProof,
  verifyPackProof,
  verifyPackMultiProof,
  type ContractAnswer,
  type ContractRefusal,
  type PackProofInput,
  type PackMultiProofInput,
} from "./merkle";
export { PackTree, type PackMultiProof } from "./packTree";
export {
  COMPANY_PREFIX_DIGITS,
  buildSscc,
  newSscc,
  ssccToRef,
  refToSscc,
  ssccDigitalLink,
  formatSscc,
  ssccCompanyPrefixLength,
  shipmentCodeLabel,
} from "./sscc";
export {
  unitLeaf,
  unitContentsRoot,
  unitContentsProof,
  verifyUnitContents,
  unitPackGroups,
  type UnitEntry,
  type UnitPackGroup,
} from "./unitContents";
