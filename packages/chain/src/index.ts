export { custodyLedgerAbi, custodyLedgerBytecode } from "./generated/custodyLedger";
export {
  chainIdentity,
  deploymentKey,
  ledgerDeployment,
  ledgerDeployments,
  ledgerFor,
  type ChainIdentity,
  type LedgerDeployment,
} from "./deployments";
export { batchIdOf, bytes2ToCountry, countryToBytes2, shipmentIdOf, unixDay } from "./ids";
export {
  BATCH_STATUS,
  isExpired,
  ROLE,
  roleNames,
  SHIPMENT_STATUS,
  type BatchStatus,
  type RoleName,
  type ShipmentStatus,
} from "./roles";
export { decodeLedgerRevert, describeLedgerError, describeRefusedCodePoint, type LedgerErrorInfo } from "./errors";
export { readBatchStatus, readOrganisationStanding, readStatusReason } from "./ledgerReads";
export { readNetwork, type BatchView, type HolderView, type OrganisationView } from "./readNetwork";
export { compiledLedger, deployLedger, type Deployment, type LedgerArtifact, type RegulatorIdentity } from "./deploy";
export { ledgerChain, ledgerWallet, transactionFees, type TransactionFees, type TransactionSettings } from "./chain";
