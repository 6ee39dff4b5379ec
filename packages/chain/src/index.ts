export { custodyLedgerAbi, custodyLedgerBytecode } from "./generated/custodyLedger";
export { accessManagerAbi, accessManagerBytecode } from "./generated/accessManager";
export { erc1967ProxyAbi, erc1967ProxyBytecode } from "./generated/erc1967Proxy";
export { councilQuorumAbi, councilQuorumBytecode } from "./generated/councilQuorum";
export { logisticUnitsAbi, logisticUnitsBytecode } from "./generated/logisticUnits";
export {
  ADMIN_ROLE,
  COUNCIL_FUNCTIONS,
  COUNCIL_ROLE,
  COUNCIL_ROLE_LABEL,
  COUNCIL_SELECTORS,
  councilLedgerCall,
  councilRenounce,
  councilSetup,
  DEFAULT_COUNCIL_DELAY_SECONDS,
  DEFAULT_COUNCIL_QUORUM,
  QUORUM_ADMIN_SELECTORS,
  quorumApproveCall,
  type CouncilCall,
  type CouncilFunction,
  type CouncilSetupOptions,
} from "./council";
export {
  chainIdentity,
  councilDeployment,
  councilFor,
  deploymentKey,
  ledgerDeployment,
  ledgerDeployments,
  ledgerFor,
  quorumDeployment,
  unitsDeployment,
  unitsFor,
  type ChainDeployment,
  type ChainIdentity,
  type CouncilDeployment,
  type LedgerDeployment,
  type QuorumDeployment,
} from "./deployments";
export { batchIdOf, bytes2ToCountry, countryToBytes2, shipmentIdOf, unixDay } from "./ids";
export { inTurn } from "./sendQueue";
export {
  ALL_PERMITS,
  BATCH_STATUS,
  CANCEL_NOTICE_SECONDS,
  founderPermissions,
  isExpired,
  MAX_PACK_COUNT,
  PERMIT,
  permitNames,
  ROLE,
  roleNames,
  SHIPMENT_STATUS,
  UNDO_WINDOW_HOURS,
  undoWindowEnds,
  unixHour,
  type BatchStatus,
  type PermitName,
  type RoleName,
  type ShipmentStatus,
} from "./roles";
export {
  executeIntentArgs,
  INTENT_DOMAIN,
  INTENT_TYPES,
  intentTypedData,
  p256PublicKeyFromCose,
  p256PublicKeyFromSpki,
  p256SignatureFromDer,
  PasskeyDataError,
  passkeyMemberAddress,
  webAuthnAuthFrom,
  type IntentFields,
  type P256PublicKey,
  type WebAuthnAuth,
  type WebAuthnBytes,
} from "./intents";
export { decodeLedgerRevert, describeLedgerError, describeRefusedCodePoint, type LedgerErrorInfo } from "./errors";
export {
  readBatchStatus,
  readMember,
  readOrganisationStanding,
  readStatusReason,
  type MemberStanding,
} from "./ledgerReads";
export { readNetwork, type BatchView, type HolderView, type OrganisationView } from "./readNetwork";
export {
  compiledLedger,
  compiledQuorum,
  compiledUnits,
  deployLedger,
  deployLogisticUnits,
  deployLedgerImplementation,
  type DeployLedgerOptions,
  type Deployment,
  type LedgerArtifact,
  type RegulatorIdentity,
} from "./deploy";
export { councilExecute, endCouncilBootstrap, setUpCouncil } from "./councilBootstrap";
export { ledgerChain, ledgerWallet, transactionFees, type TransactionFees, type TransactionSettings } from "./chain";
export {
  composeReason,
  readReason,
  reasonForStaff,
  reasonIn,
  REASON_ZH_SEPARATOR,
  type BilingualReason,
} from "./reason";
