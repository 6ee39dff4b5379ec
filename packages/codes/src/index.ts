/**
 * @tracemed/codes: everything about the code on a medicine pack, from GS1 identifiers to the PDF
 * a label printer takes. Pure: no chain, no database, no network.
 *
 * This entry point is for Node (server code, scripts, benchmarks); it adds to the browser-safe
 * API (`@tracemed/codes/browser`) the keyed commitments and PIN checks, batch generation on worker
 * threads, and labels (QR, DataMatrix, PDF, CSV).
 */
export * from "./browser";
export { createPinKey, MIN_SECRET_BYTES, type PinKey } from "./pinKey";
export {
  pinTag,
  packCommitment,
  commitmentFromTag,
  packRecord,
  checkPin,
  PIN_TAG_DOMAIN,
  PACK_DOMAIN,
  type PackRecord,
} from "./commitment";
export { loadFastKeccak } from "./fastKeccak";
export { buildPackTree, type TreeBuildOptions } from "./buildPackTree";
export {
  generateBatch,
  GeneratedBatch,
  type BatchSpec,
  type GenerateOptions,
  type PrintablePack,
  type RegisterBatchArgs,
} from "./generateBatch";
export { qrMatrix, qrSvg, qrPng, type QrOptions, type QrErrorCorrection } from "./labels/qr";
export { dataMatrixMatrix, dataMatrixSvg, dataMatrixPng } from "./labels/dataMatrix";
export { darkRuns, rasterize, type ModuleMatrix } from "./labels/matrix";
export {
  LABEL_LAYOUTS,
  LABEL_PADDING_MM,
  SHEET_SAFE_MARGIN_MM,
  type LabelLayout,
  type LayoutName,
} from "./labels/layouts";
export { writeLabelsPdf, labelLayout, packHriLines, type LabelSheetOptions, type LabelSheetResult } from "./labels/pdf";
export {
  logisticLabelPdf,
  ssccBars,
  LOGISTIC_STOCKS,
  type LogisticLabelInput,
  type LogisticContent,
  type LogisticParty,
  type LogisticStock,
} from "./labels/logistic";
export {
  CSV_COLUMNS,
  csvSeparatorComment,
  packCsvLines,
  parsePackCsv,
  writePackCsv,
  type CsvOptions,
} from "./labels/csv";
