/** Test worlds on a real anvil and database, for this package's tests and its callers' (@tracemed/indexer/testing). */
export {
  accountOf,
  CAST,
  catchUp,
  MAKER_PREFIXES,
  MEMBERS,
  NO_RESTART,
  ORGS,
  startLedger,
  type Ledger,
  type OrgIdentity,
  TEST_COUNCIL_DELAY,
  TEST_EVM,
  type Party,
} from "./chain";
export { startCodedWorld, useCodedWorld, type BatchStory, type CodedWorld } from "./coded";
export {
  freshDatabase,
  openDatabase,
  startWorld,
  stopSharedPostgres,
  worldTest,
  worldTestOn,
  type BackendName,
  type World,
} from "./world";
export { emitAsOldLedger, ledgerLog, type Bytesish } from "./oldLedger";
export { assertMatchesChain } from "./matchesChain";
