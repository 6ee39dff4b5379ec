export { BIZ_STEP, decodeLogs, type LedgerEvent } from "./decode";
export { Indexer, type IndexerConfig, type StepResult } from "./indexer";
export { Projection, type ProjectableEvent } from "./projector";
export { ClaimSubmitter, type ClaimSubmitterConfig } from "./claims";
