import PDFDocument from "pdfkit";
import { buildDigitalLink, DEFAULT_RESOLVER } from "../digitalLink";
import { LabelError } from "../errors";
import { gs1DateToIso, parseYymmdd } from "../expiry";
import type { PrintablePack } from "../generateBatch";
import { formatPin } from "../pinFormat";
import { dataMatrixMatrix } from "./dataMatrix";
import { fillSymbol, modulePath, n2 } from "./draw";
import { registerLabelFonts } from "./fonts";
import { LABEL_LAYOUTS, LABEL_PADDING_MM, MM, type LabelLayout, type LayoutName } from "./layouts";
import { qrMatrix } from "./qr";

export interface LabelSheetOptions {
  /** label stock (default "a4-3x8") */
  layout?: LayoutName | LabelLayout;
  /** Digital Link host and path prefix the QR points to (default https://id.gs1.org) */
  base?: string;
  /**
   * print the GS1 DataMatrix beside the QR (default true): EU FMD and DSCSA require it on the
   * pack; false gives consumer-only stickers with the QR alone
   */
  dataMatrix?: boolean;
  /** PDF title (metadata); never put PINs here */
  title?: string;
  /** deflate page contents (default true; tests read them uncompressed) */
  compress?: boolean;
}

export interface LabelSheetResult {
  labels: number;
  pages: number;
}

/** Resolves a layout option (a stock's name or a layout); unknown names are refused. */
export function labelLayout(layout: LayoutName | LabelLayout | undefined, fallback: LayoutName): LabelLayout {
  const found: LabelLayout | undefined =
    typeof layout === "object" ? layout : (LABEL_LAYOUTS as Record<string, LabelLayout>)[layout ?? fallback];
  if (!found) throw new LabelError("invalid-argument", `unknown label stock ${String(layout)}`, { field: "layout" });
  return found;
}

/**
 * The human-readable text beside the codes, in the data titles of GS1 General Specifications 4.15
 * (human-readable interpretation for healthcare: "non-HRI text" with data titles instead of AIs on
 * small packs), which are also what EU FMD (Delegated Regulation 2016/161, art. 7) and DSCSA
 * labels show: GTIN, LOT, EXP (a date, YYYY-MM-DD; YYYY-MM when the day is 00) and SN.
 */
export function packHriLines(pack: Pick<PrintablePack, "gtin" | "lot" | "expiry" | "serial">): Array<[string, string]> {
  const d = parseYymmdd(pack.expiry, { allowDayZero: true });
  const exp = d.day === 0 ? gs1DateToIso(d).slice(0, 7) : gs1DateToIso(d);
  return [
    ["GTIN", pack.gtin],
    ["LOT", pack.lot],
    ["EXP", exp],
    ["SN", pack.serial],
  ];
}

/** A label's printable box in points: its die-cut rectangle, inset and clipped to the page's safe area. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Geometry {
  qrBox: number;
  dmBox: number;
  textX: number;
  fontSize: number;
  pinSize: number;
  pinLines: number;
  boxH: number;
}

// DejaVu Sans Mono advances 0.602 em; the PIN is 24 characters on one line or 14 on two.
const MONO_ADVANCE = 0.602;

/** Where things go inside a printable box of w x h points; throws when the label cannot be legible. */
function geometry(w: number, h: number, withDataMatrix: boolean): Geometry {
  const qrBox = Math.min(h, w * (withDataMatrix ? 0.32 : 0.42));
  // The DataMatrix beside the QR, at 0.62 of its size: modules of 0.3-0.5 mm for a pack's data.
  const dmBox = withDataMatrix ? qrBox * 0.62 : 0;
  const textX = qrBox + (withDataMatrix ? dmBox + 1 * MM : 0) + 1 * MM;
  const colW = w - textX;
  // Short labels (US Letter's 1 inch) take smaller type; 4.5 pt is the least a pharmacist reads.
  const fontSize = Math.max(4.5, Math.min(8, h / 11));
  const maxPin = Math.min(10, h / 9);
  let pinLines = 1;
  let pinSize = Math.min(maxPin, (colW - 4) / (24 * MONO_ADVANCE));
  if (pinSize < 6) {
    pinLines = 2;
    pinSize = Math.min(maxPin, (colW - 4) / (14 * MONO_ADVANCE));
  }
  const boxH = pinLines * pinSize * 1.15 + 4;
  if (pinSize < 5 || colW < 17 * MM || qrBox < 14 * MM || 4.6 * fontSize * 1.25 + boxH + fontSize > h + 1) {
    throw new LabelError(
      "label-too-small",
      `a ${n2(w / MM)} x ${n2(h / MM)} mm printable area cannot hold a legible QR${withDataMatrix ? ", DataMatrix" : ""}, identifiers and PIN`,
      { field: "layout" },
    );
  }
  return { qrBox, dmBox, textX, fontSize, pinSize, pinLines, boxH };
}

/** The printable box of the label in column `col`, row `row`, in points. */
function printableBox(layout: LabelLayout, col: number, row: number): Box {
  const lx = layout.marginLeft + col * (layout.labelWidth + layout.gapX);
  const ly = layout.marginTop + row * (layout.labelHeight + layout.gapY);
  const left = Math.max(lx + LABEL_PADDING_MM, layout.safeMargin);
  const top = Math.max(ly + LABEL_PADDING_MM, layout.safeMargin);
  const right = Math.min(lx + layout.labelWidth - LABEL_PADDING_MM, layout.pageWidth - layout.safeMargin);
  const bottom = Math.min(ly + layout.labelHeight - LABEL_PADDING_MM, layout.pageHeight - layout.safeMargin);
  return { x: left * MM, y: top * MM, w: (right - left) * MM, h: (bottom - top) * MM };
}

/**
 * Writes print-ready label sheets: on each label the QR with the pack's Digital Link and the GS1
 * DataMatrix with its element string (FNC1 first; unless `dataMatrix: false`), the human-readable
 * GTIN, lot, expiry and serial, and the PIN inside a dashed scratch-off area (the converter lays
 * the scratch-off coating over that area). Fonts are embedded; nothing is printed inside the
 * stock's safe margin; the PDF names its stock (subject and keywords). Streams to `out` page by
 * page. The PDF holds PINs: treat the file like the PINs themselves (encrypted transfer to the
 * printer, deleted after printing).
 */
export async function writeLabelsPdf(
  packs: Iterable<PrintablePack> | AsyncIterable<PrintablePack>,
  out: NodeJS.WritableStream,
  options: LabelSheetOptions = {},
): Promise<LabelSheetResult> {
  const layout = labelLayout(options.layout, "a4-3x8");
  const base = options.base ?? DEFAULT_RESOLVER;
  const withDm = options.dataMatrix ?? true;
  const perPage = layout.columns * layout.rows;
  // Labels at the sheet's edge have a smaller printable box: one geometry per box size.
  const slots = Array.from({ length: perPage }, (_, slot) => {
    const box = printableBox(layout, slot % layout.columns, Math.floor(slot / layout.columns));
    return { box, g: geometry(box.w, box.h, withDm) };
  });

  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: options.compress ?? true,
    info: {
      Title: options.title ?? "Pack labels",
      Subject: `Label stock: ${layout.title}`,
      Keywords: `label stock ${layout.name}; ${withDm ? "GS1 DataMatrix + QR" : "QR only"}`,
      Creator: "@tracemed/codes",
    },
  });
  registerLabelFonts(doc);
  const finished = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    doc.on("error", reject);
  });
  doc.pipe(out);

  let labels = 0;
  let pages = 0;
  for await (const pack of packs) {
    const slot = labels % perPage;
    if (slot === 0) {
      doc.addPage({ size: [layout.pageWidth * MM, layout.pageHeight * MM], margin: 0 });
      pages++;
    }
    const { box, g } = slots[slot]!;
    drawLabel(doc, pack, box, g, base, withDm);
    labels++;
    if (labels % 200 === 0) await new Promise((r) => setImmediate(r)); // let the output drain
  }
  if (pages === 0) doc.addPage({ size: [layout.pageWidth * MM, layout.pageHeight * MM], margin: 0 });
  doc.end();
  await finished;
  return { labels, pages };
}

function drawLabel(
  doc: PDFKit.PDFDocument,
  pack: PrintablePack,
  { x, y, w: W, h: H }: Box,
  g: Geometry,
  base: string,
  withDataMatrix: boolean,
): void {
  const identity = { gtin: pack.gtin, lot: pack.lot, serial: pack.serial, expiry: pack.expiry };
  const qr = qrMatrix(buildDigitalLink(identity, { base }));
  // The QR box includes the 4-module quiet zone the QR standard asks for.
  const module = g.qrBox / (qr.width + 8);
  const qrTop = y + (H - g.qrBox) / 2;
  fillSymbol(doc, "qr", pack.index, modulePath(qr, x + 4 * module, qrTop + 4 * module, module));
  if (withDataMatrix) {
    const dm = dataMatrixMatrix(identity);
    // One module of quiet zone each side (ISO/IEC 16022), inside the box.
    const dmModule = g.dmBox / (Math.max(dm.width, dm.height) + 2);
    const dmX = x + g.qrBox + 0.5 * MM + dmModule;
    const dmY = y + (H - dm.height * dmModule) / 2;
    fillSymbol(doc, "datamatrix", pack.index, modulePath(dm, dmX, dmY, dmModule));
  }

  const fs = g.fontSize;
  const lineH = fs * 1.25;
  let ty = y;
  doc.fillColor("black");
  const valueX = g.textX + fs * 2.2;
  // Half a millimetre short of the box's edge: a bold glyph's ink may pass its advance width,
  // and a value shrunk to the last point would put that ink on the stock's unprintable margin.
  const room = W - valueX - 0.5 * MM;
  for (const [label, value] of packHriLines(pack)) {
    doc
      .font("sans")
      .fontSize(fs * 0.8)
      .text(label, x + g.textX, ty + fs * 0.15, { lineBreak: false });
    // Values up to 20 characters shrink to fit the column rather than run off the label.
    doc.font("bold").fontSize(fs);
    const size = Math.min(fs, (fs * room) / Math.max(1, doc.widthOfString(value)));
    doc.fontSize(size).text(value, x + valueX, ty + (fs - size) * 0.8, { lineBreak: false });
    ty += lineH;
  }

  // The scratch-off area: dashed outline and caption; the PIN in monospace, grouped by four.
  const boxX = x + g.textX;
  const boxW = W - g.textX;
  const boxY = y + H - g.boxH;
  doc
    .font("sans")
    .fontSize(fs * 0.7)
    .fillColor("#555555")
    .text("SCRATCH HERE FOR PIN", boxX, boxY - fs * 0.95, { lineBreak: false });
  doc
    .save()
    .lineWidth(0.5)
    .dash(2, { space: 1.5 })
    .strokeColor("#555555")
    .rect(boxX + 0.5, boxY + 0.5, boxW - 1, g.boxH - 1) // the 0.5 pt line stays inside the box
    .stroke()
    .restore();
  const pin = formatPin(pack.pin);
  const lines = g.pinLines === 1 ? [pin] : [pin.slice(0, 14), pin.slice(15)];
  doc.font("mono").fontSize(g.pinSize).fillColor("black");
  lines.forEach((line, i) => {
    const width = line.length * MONO_ADVANCE * g.pinSize;
    doc.text(line, boxX + (boxW - width) / 2, boxY + 2 + i * g.pinSize * 1.15, { lineBreak: false });
  });
}
