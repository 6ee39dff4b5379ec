import QRCode from "qrcode";
import { LabelError } from "../errors";
import type { ModuleMatrix } from "./matrix";

export type QrErrorCorrection = "L" | "M" | "Q" | "H";

export interface QrOptions {
  /** error correction: M (15%) by default, as GS1 recommends for Digital Link on packs */
  errorCorrection?: QrErrorCorrection;
}

/** The QR code of `text` (a GS1 Digital Link) as a module matrix, for vector drawing. */
export function qrMatrix(text: string, options: QrOptions = {}): ModuleMatrix {
  try {
    const qr = QRCode.create(text, { errorCorrectionLevel: options.errorCorrection ?? "M" });
    const size = qr.modules.size;
    return { width: size, height: size, modules: Uint8Array.from(qr.modules.data) };
  } catch (e) {
    throw new LabelError("invalid-argument", "the text does not fit a QR code", { field: "QR", cause: e });
  }
}

/** The QR code as an SVG document (for screens and the web app). */
export async function qrSvg(text: string, options: QrOptions = {}): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: options.errorCorrection ?? "M", margin: 4 });
}

/** The QR code as a PNG image, `scale` pixels a module, with the 4-module quiet zone. */
export async function qrPng(text: string, options: QrOptions & { scale?: number } = {}): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    type: "png",
    errorCorrectionLevel: options.errorCorrection ?? "M",
    margin: 4,
    scale: options.scale ?? 4,
  });
}
