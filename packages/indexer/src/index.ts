export { BIZ_STEP, decodeLogs, type LedgerEvent } from "./decode";
export { FINALITIES, Indexer, type Finality, type IndexerConfig, type StepResult } from "./indexer";
export { Projection, type ProjectableEvent } from "./projector";
