import bwipjs from "bwip-js/node";
import PDFDocument from "pdfkit";
import { DEFAULT_RESOLVER } from "../digitalLink";
import { LabelError } from "../errors";
import { gs1DateToIso, parseYymmdd } from "../expiry";
import { normalizeGtin, parseGln, parseSscc } from "../keys";
import { formatSscc, ssccDigitalLink } from "../sscc";
import { barsPath, fillSymbol, modulePath } from "./draw";
import { registerLabelFonts, type LabelFont } from "./fonts";
import { LABEL_LAYOUTS, MM, SHEET_SAFE_MARGIN_MM, type LabelLayout } from "./layouts";
import { qrMatrix } from "./qr";
import { drawText, fitText, fontsOf } from "./text";

/** A party on the label: its name and GLN (13 digits). */
export interface LogisticParty {
  name: string;
  /** its name in Chinese (its profile's), printed under `name` when the two differ */
  nameZh?: string;
  gln: string;
}

/** What a logistic unit holds of one batch. */
export interface LogisticContent {
  gtin: string;
  lot: string;
  /** AI 17, YYMMDD (day 00 = end of month); null when not known */
  expiry: string | null;
  /** packs (trade items) of this batch in the unit */
  count: number;
}

export const LOGISTIC_STOCKS = ["4x6", "a5"] as const;
export type LogisticStock = (typeof LOGISTIC_STOCKS)[number];

export interface LogisticLabelInput {
  sscc: string;
  /** the company prefix the SSCC is numbered under, when known: groups its human-readable text */
  companyPrefixLength: number | null;
  shipFrom: LogisticParty;
  /** null until the unit is shipped */
  shipTo: LogisticParty | null;
  contents: readonly LogisticContent[];
  /** label stock (default "4x6", the logistic label's usual 4 x 6 in roll) */
  stock?: LogisticStock;
  /** origin of the SSCC's Digital Link QR, `<origin>/00/<sscc>` (default https://id.gs1.org) */
  origin?: string;
  /** deflate the page (default true; tests read it uncompressed) */
  compress?: boolean;
}

const STOCK_LAYOUTS: Record<LogisticStock, LabelLayout> = {
  "4x6": LABEL_LAYOUTS["roll-4x6"],
  a5: {
    name: "a5",
    title: "A5 sheet, one label 148 x 210 mm",
    pageWidth: 148,
    pageHeight: 210,
    labelWidth: 148,
    labelHeight: 210,
    columns: 1,
    rows: 1,
    marginLeft: 0,
    marginTop: 0,
    gapX: 0,
    gapY: 0,
    safeMargin: SHEET_SAFE_MARGIN_MM,
  },
};

/** The GS1-128 symbol of AI (00) as bar and space widths in modules (bwip-js `sbs`). */
export function ssccBars(sscc: string): number[] {
  const [sym] = bwipjs.raw("gs1-128", `(00)${parseSscc(sscc)}`, {}) as Array<{ sbs: number[] }>;
  if (!sym) throw new LabelError("invalid-argument", "the SSCC does not fit a GS1-128 symbol", { field: "SSCC" });
  return sym.sbs;
}

function isoExpiry(yymmdd: string): string {
  const d = parseYymmdd(yymmdd, { allowDayZero: true, field: "expiry (17)" });
  return d.day === 0 ? gs1DateToIso(d).slice(0, 7) : gs1DateToIso(d);
}

/** A party's name: bold 10 pt, two lines at most (the width is its column's). */
const NAME = { font: "bold", size: 10, maxLines: 2 } as const;

/** The names a party is printed under: its name, and its Chinese name when that is another. */
const namesOf = (p: LogisticParty) => [p.name, ...(p.nameZh && p.nameZh.trim() !== p.name.trim() ? [p.nameZh] : [])];

function checked(input: LogisticLabelInput): LogisticLabelInput {
  parseSscc(input.sscc);
  for (const party of [input.shipFrom, input.shipTo]) if (party) parseGln(party.gln);
  if (input.contents.length === 0)
    throw new LabelError("invalid-argument", "a logistic label names what the unit holds", { field: "contents" });
  for (const c of input.contents) {
    normalizeGtin(c.gtin);
    if (c.expiry !== null) isoExpiry(c.expiry);
    if (!Number.isInteger(c.count) || c.count < 1)
      throw new LabelError("invalid-argument", `the count of lot ${c.lot} must be a whole number of packs`, {
        field: "count",
      });
  }
  return input;
}

/**
 * The GS1 logistic label of a case or pallet (GS1 Logistic Label Guideline), as a one-page PDF:
 * - the From and To section (names and GLNs; To empty until the unit is shipped);
 * - the content section with GS1 data titles: CONTENT (the GTIN), BATCH/LOT, USE BY OR EXPIRY and
 *   COUNT for a unit of one batch, "MIXED" with one line a batch otherwise, and the total COUNT;
 * - the SSCC's Digital Link as a QR (what the receive desk's camera reads);
 * - the barcode section: the SSCC as GS1-128 of AI (00), 32 mm tall, X-dimension 0.5-1.0 mm, with
 *   its human-readable text grouped by the real company prefix or, when unknown, not grouped.
 * Fonts are embedded (see fonts.ts). Party names print in DejaVu and, for Chinese, Noto Sans Hans,
 * each cut to two lines of its column; a party's Chinese name, when it has one, under its name. A
 * name with a character no installed label font has (Chinese where the CJK font is missing, say) is
 * left out, and a party without a printable name is printed as its GLN, which identifies it on any
 * reader's screen, instead of as boxes; the PDF's keywords then say which name and why.
 */
export async function logisticLabelPdf(input: LogisticLabelInput): Promise<Buffer> {
  const { sscc, shipFrom, shipTo, contents } = checked(input);
  const layout = STOCK_LAYOUTS[input.stock ?? "4x6"];
  if (!layout)
    throw new LabelError("invalid-argument", `unknown logistic label stock ${input.stock}`, { field: "stock" });
  const W = layout.pageWidth * MM;
  const H = layout.pageHeight * MM;
  const m = Math.max(layout.safeMargin, 3) * MM;
  const inner = W - 2 * m;

  // Which names cannot print, known before the document is made: its keywords say so.
  const fallbacks: string[] = [];
  for (const [heading, p] of Object.entries({ FROM: shipFrom, TO: shipTo })) {
    const whys = (p ? namesOf(p) : []).map((n) => fontsOf(n, NAME.font).missing);
    if (whys.every(Boolean)) fallbacks.push(`${heading} name printed as its GLN: ${whys[0]}`);
    else whys.forEach((why, i) => why && fallbacks.push(`${heading} name${i ? " in Chinese" : ""} left out: ${why}`));
  }

  const doc = new PDFDocument({
    size: [W, H],
    margin: 0,
    compress: input.compress ?? true,
    info: {
      Title: `Logistic label SSCC ${sscc}`,
      Subject: `Label stock: ${layout.title}`,
      Keywords: `GS1 logistic label; SSCC ${sscc}; label stock ${layout.name}${fallbacks.map((f) => `; ${f}`).join("")}`,
      Creator: "@tracemed/codes",
    },
  });
  registerLabelFonts(doc);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const title = (text: string, x: number, y: number) =>
    doc.font("sans").fontSize(7).fillColor("black").text(text, x, y, { lineBreak: false });
  const rule = (y: number) =>
    doc
      .save()
      .lineWidth(1)
      .moveTo(m, y)
      .lineTo(W - m, y)
      .stroke()
      .restore();

  // From / To
  const colW = (inner - 3 * MM) / 2;
  const names = (p: LogisticParty | null) =>
    (p ? namesOf(p) : [])
      .map((n) => fitText(doc, n, { ...NAME, width: colW }))
      .filter((n) => !n.missing && n.lines.length > 0);
  const parties = [shipFrom, shipTo].map((p) => ({ p, names: names(p) }));
  // The names' lines (two, or more where a party has a Chinese name too) above the GLNs.
  const pitch = doc.font(NAME.font).fontSize(NAME.size).currentLineHeight(true);
  const lines = Math.max(2, ...parties.map((b) => b.names.reduce((n, t) => n + t.lines.length, 0)));
  let y = m;
  const glnTop = y + 38 + (lines - 2) * pitch;
  parties.forEach(({ p, names }, i) => {
    const x = m + i * (colW + 3 * MM);
    title(i === 0 ? "FROM" : "TO", x, y);
    if (!p) return;
    if (names.length === 0) return drawText(doc, fitText(doc, `GLN ${p.gln}`, { ...NAME, width: colW }), x, y + 10);
    let top = y + 10;
    for (const n of names) {
      drawText(doc, n, x, top, pitch);
      top += n.lines.length * pitch;
    }
    doc.font("sans").fontSize(8).text(`GLN ${p.gln}`, x, glnTop, { lineBreak: false });
  });
  y = glnTop + 14;
  rule(y);

  // The barcode section's top: the content above must end before it.
  const barH = 32 * MM;
  const hriSize = 12;
  const barTop = H - m - hriSize * 1.4 - barH;

  // Content, beside the SSCC's Digital Link QR.
  y += 6;
  const qrSide = Math.min(32 * MM, inner * 0.34);
  const textW = inner - qrSide - 3 * MM;
  const total = contents.reduce((n, c) => n + c.count, 0);
  // One line each, cut to the width (pdfkit wraps any text given a width, whatever lineBreak says).
  const line = (font: LabelFont, size: number, text: string, x: number, top: number) =>
    drawText(doc, fitText(doc, text, { font, size, width: textW - (x - m), maxLines: 1 }), x, top);
  const field = (label: string, value: string, size = 11) => {
    title(label, m, y);
    line("bold", size, value, m, y + 8);
    y += 8 + size * 1.3;
  };
  const contentTop = y;
  field("SSCC", sscc, 12);
  if (contents.length === 1) {
    const c = contents[0]!;
    field("CONTENT", normalizeGtin(c.gtin));
    field("BATCH/LOT", c.lot);
    if (c.expiry !== null) field("USE BY OR EXPIRY", isoExpiry(c.expiry));
  } else {
    title(`CONTENT: MIXED, ${contents.length} BATCHES`, m, y);
    y += 9;
    doc.font("sans").fontSize(7.5);
    for (const [i, c] of contents.entries()) {
      // Room for this batch, a "more" line and the COUNT below it, above the barcode section.
      if (y + 19 + 9.5 + 28 > barTop - 18 && i < contents.length - 1) {
        doc.text(`... ${contents.length - i} more`, m, y, { lineBreak: false });
        y += 9.5;
        break;
      }
      // Two lines a batch: what and how many, then its lot and expiry.
      const exp = c.expiry === null ? "" : `  EXP ${isoExpiry(c.expiry)}`;
      line("sans", 7.5, `${normalizeGtin(c.gtin)}  x ${c.count}`, m, y);
      line("sans", 7.5, `LOT ${c.lot}${exp}`, m + 6, y + 8.5);
      y += 19;
    }
    y += 2;
  }
  field("COUNT", String(total), 14);
  const link = ssccDigitalLink(input.origin ?? DEFAULT_RESOLVER, sscc);
  const qr = qrMatrix(link);
  const qrModule = qrSide / (qr.width + 8);
  fillSymbol(doc, "qr", sscc, modulePath(qr, W - m - qrSide + 4 * qrModule, contentTop + 4 * qrModule, qrModule));

  // The barcode section at the foot: GS1-128 of (00) with its quiet zones of 10 modules.
  const bars = ssccBars(sscc);
  const modules = bars.reduce((a, b) => a + b, 0) + 20;
  const X = Math.min(1.016 * MM, inner / modules);
  if (X < 0.495 * MM)
    throw new LabelError("label-too-small", "the stock is too narrow for the SSCC's GS1-128 barcode", {
      field: "stock",
    });
  rule(barTop - 14);
  title("SSCC", m, barTop - 10);
  const barX = m + (inner - modules * X) / 2 + 10 * X;
  fillSymbol(doc, "gs1-128", sscc, barsPath(bars, barX, barTop, X, barH));
  const hri = formatSscc(sscc, input.companyPrefixLength);
  doc.font("bold").fontSize(hriSize);
  doc.text(hri, m + (inner - doc.widthOfString(hri)) / 2, barTop + barH + 3, { lineBreak: false });

  doc.end();
  return done;
}
