import bwipjs from "bwip-js/node";
import { buildElementString, GS } from "../elementString";
import { LabelError } from "../errors";
import type { PackIdentity } from "../gs1Data";
import type { ModuleMatrix } from "./matrix";

/**
 * GS1 DataMatrix (ECC 200 with FNC1 in first position), the symbol pharma line printers put on
 * packs under EU FMD and DSCSA. The data is the element string with FNC1 where a separator is
 * needed; a scanner gives it back as "]d2" + the element string with GS separators.
 */
function bwippText(data: PackIdentity | ReadonlyArray<{ ai: string; value: string }>): string {
  // parsefnc: "^FNC1" is FNC1; CSET 82 has no "^", so no data character needs escaping.
  return "^FNC1" + buildElementString(data).split(GS).join("^FNC1");
}

function options(data: PackIdentity | ReadonlyArray<{ ai: string; value: string }>) {
  return { bcid: "datamatrix", text: bwippText(data), parsefnc: true };
}

/** The GS1 DataMatrix of a pack (or of AIs) as a module matrix. */
export function dataMatrixMatrix(data: PackIdentity | ReadonlyArray<{ ai: string; value: string }>): ModuleMatrix {
  const opts = options(data);
  try {
    const [sym] = bwipjs.raw(opts.bcid, opts.text, { parsefnc: true }) as Array<{
      pixs: number[];
      pixx: number;
      pixy: number;
    }>;
    if (!sym) throw new Error("no symbol");
    return { width: sym.pixx, height: sym.pixy, modules: Uint8Array.from(sym.pixs) };
  } catch (e) {
    throw new LabelError("invalid-argument", "the data does not fit a DataMatrix", { field: "DataMatrix", cause: e });
  }
}

/** The GS1 DataMatrix as an SVG document. */
export function dataMatrixSvg(data: PackIdentity | ReadonlyArray<{ ai: string; value: string }>): string {
  return bwipjs.toSVG({ ...options(data), padding: 2, backgroundcolor: "FFFFFF" });
}

/** The GS1 DataMatrix as a PNG image, `scale` pixels a module. */
export async function dataMatrixPng(
  data: PackIdentity | ReadonlyArray<{ ai: string; value: string }>,
  scale = 4,
): Promise<Buffer> {
  return bwipjs.toBuffer({ ...options(data), scale, padding: 4, backgroundcolor: "FFFFFF" });
}
