import PDFDocument from "pdfkit";
import { buildDigitalLink, DEFAULT_RESOLVER } from "../digitalLink";
import { LabelError } from "../errors";
import { gs1DateToIso, parseYymmdd } from "../expiry";
import type { PrintablePack } from "../generateBatch";
import { formatPin } from "../pinFormat";
import { dataMatrixMatrix } from "./dataMatrix";
import { LABEL_LAYOUTS, MM, type LabelLayout, type LayoutName } from "./layouts";
import { darkRuns, type ModuleMatrix } from "./matrix";
import { qrMatrix } from "./qr";

export interface LabelSheetOptions {
  /** label stock (default "a4-3x8") */
  layout?: LayoutName | LabelLayout;
  /** Digital Link host and path prefix the QR points to (default https://id.gs1.org) */
  base?: string;
  /** also print the GS1 DataMatrix (slower; line printers usually add it themselves) */
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

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();

/** PDF path of the dark modules: one rectangle per horizontal run, one fill for the symbol. */
function modulePath(m: ModuleMatrix, x: number, y: number, module: number): string {
  let out = "";
  for (const [rx, ry, len] of darkRuns(m))
    out += `${n2(x + rx * module)} ${n2(y + ry * module)} ${n2(len * module)} ${n2(module)} re\n`;
  return out;
}

function expiryText(yymmdd: string): string {
  const d = parseYymmdd(yymmdd, { allowDayZero: true });
  return d.day === 0 ? gs1DateToIso(d).slice(0, 7) : gs1DateToIso(d);
}

interface Geometry {
  pad: number;
  qrBox: number;
  textX: number;
  fontSize: number;
  pinSize: number;
  pinLines: number;
  boxH: number;
}

/** Where things go on a label of w x h points; throws when what must be printed cannot be legible. */
function geometry(w: number, h: number, withDataMatrix: boolean): Geometry {
  const pad = 2 * MM;
  const qrBox = Math.min(h - 2 * pad, w * (withDataMatrix ? 0.3 : 0.42));
  const textX = pad + qrBox + (withDataMatrix ? qrBox * 0.8 : 0) + 1 * MM;
  const colW = w - textX - pad;
  const fontSize = Math.max(4.5, Math.min(8, (h - 2 * pad) / 9.5));
  // Courier advances 0.6 em; the PIN is 24 characters on one line or 14 on two.
  let pinLines = 1;
  let pinSize = Math.min(10, (colW - 4) / (24 * 0.6));
  if (pinSize < 6) {
    pinLines = 2;
    pinSize = Math.min(10, (colW - 4) / (14 * 0.6));
  }
  const boxH = pinLines * pinSize * 1.15 + 4;
  if (
    pinSize < 5 ||
    colW < 22 * MM * 0.8 ||
    qrBox < 15 * MM ||
    4.6 * fontSize * 1.25 + boxH + fontSize > h - 2 * pad + 1
  ) {
    throw new LabelError(
      "label-too-small",
      `a ${n2(w / MM)} x ${n2(h / MM)} mm label cannot hold a legible QR, identifiers and PIN`,
      {
        field: "layout",
      },
    );
  }
  return { pad, qrBox, textX, fontSize, pinSize, pinLines, boxH };
}

/**
 * Writes print-ready label sheets: on each label the QR with the pack's Digital Link, the
 * human-readable GTIN, lot, expiry and serial, and the PIN inside a dashed scratch-off area (the
 * converter lays the scratch-off coating over that area). Streams to `out` page by page.
 * The PDF holds PINs: treat the file like the PINs themselves (encrypted transfer to the printer,
 * deleted after printing).
 */
export async function writeLabelsPdf(
  packs: Iterable<PrintablePack> | AsyncIterable<PrintablePack>,
  out: NodeJS.WritableStream,
  options: LabelSheetOptions = {},
): Promise<LabelSheetResult> {
  const layout: LabelLayout =
    typeof options.layout === "object" ? options.layout : LABEL_LAYOUTS[options.layout ?? "a4-3x8"];
  if (!layout)
    throw new LabelError("invalid-argument", `unknown label layout ${String(options.layout)}`, { field: "layout" });
  const base = options.base ?? DEFAULT_RESOLVER;
  const W = layout.labelWidth * MM;
  const H = layout.labelHeight * MM;
  const g = geometry(W, H, options.dataMatrix ?? false);
  const perPage = layout.columns * layout.rows;

  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: options.compress ?? true,
    info: { Title: options.title ?? "Pack labels", Creator: "@tracemed/codes" },
  });
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
    const col = slot % layout.columns;
    const row = Math.floor(slot / layout.columns);
    const x = (layout.marginLeft + col * (layout.labelWidth + layout.gapX)) * MM;
    const y = (layout.marginTop + row * (layout.labelHeight + layout.gapY)) * MM;
    drawLabel(doc, pack, x, y, W, H, g, base, options.dataMatrix ?? false);
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
  x: number,
  y: number,
  W: number,
  H: number,
  g: Geometry,
  base: string,
  withDataMatrix: boolean,
): void {
  const identity = { gtin: pack.gtin, lot: pack.lot, serial: pack.serial, expiry: pack.expiry };
  const qr = qrMatrix(buildDigitalLink(identity, { base }));
  // The QR box includes the 4-module quiet zone the QR standard asks for.
  const module = g.qrBox / (qr.width + 8);
  const qrX = x + g.pad + 4 * module;
  const qrY = y + (H - g.qrBox) / 2 + 4 * module;
  doc.addContent(`% tracemed:qr ${pack.index}\nq 0 g\n${modulePath(qr, qrX, qrY, module)}f\nQ\n`);
  if (withDataMatrix) {
    const dm = dataMatrixMatrix(identity);
    const dmModule = (g.qrBox * 0.7) / (dm.width + 2);
    doc.addContent(
      `% tracemed:datamatrix ${pack.index}\nq 0 g\n${modulePath(dm, x + g.pad + g.qrBox + dmModule, y + (H - dm.height * dmModule) / 2, dmModule)}f\nQ\n`,
    );
  }

  const fs = g.fontSize;
  const lineH = fs * 1.25;
  let ty = y + g.pad;
  doc.fillColor("black");
  for (const [label, value] of [
    ["GTIN", pack.gtin],
    ["LOT", pack.lot],
    ["EXP", expiryText(pack.expiry)],
    ["SN", pack.serial],
  ] as const) {
    doc
      .font("Helvetica")
      .fontSize(fs * 0.8)
      .text(label, x + g.textX, ty + fs * 0.15, { lineBreak: false });
    // Values up to 20 characters shrink to fit the column rather than run off the label.
    const valueX = g.textX + fs * 2.2;
    const room = W - valueX - g.pad;
    doc.font("Helvetica-Bold").fontSize(fs);
    const size = Math.min(fs, (fs * room) / Math.max(1, doc.widthOfString(value)));
    doc.fontSize(size).text(value, x + valueX, ty + (fs - size) * 0.8, { lineBreak: false });
    ty += lineH;
  }

  // The scratch-off area: dashed outline and caption; the PIN in monospace, grouped by four.
  const boxX = x + g.textX;
  const boxW = W - g.textX - g.pad;
  const boxY = y + H - g.pad - g.boxH;
  doc
    .font("Helvetica")
    .fontSize(fs * 0.7)
    .fillColor("#555555")
    .text("SCRATCH HERE FOR PIN", boxX, boxY - fs * 0.95, { lineBreak: false });
  doc
    .save()
    .lineWidth(0.5)
    .dash(2, { space: 1.5 })
    .strokeColor("#555555")
    .roundedRect(boxX, boxY, boxW, g.boxH, 2)
    .stroke()
    .restore();
  const pin = formatPin(pack.pin);
  const lines = g.pinLines === 1 ? [pin] : [pin.slice(0, 14), pin.slice(15)];
  doc.font("Courier-Bold").fontSize(g.pinSize).fillColor("black");
  lines.forEach((line, i) => {
    const width = line.length * 0.6 * g.pinSize;
    doc.text(line, boxX + (boxW - width) / 2, boxY + 2 + i * g.pinSize * 1.15, { lineBreak: false });
  });
}
