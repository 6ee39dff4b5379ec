/**
 * The demo's patient leaflets (Amoxicillin, in English and Chinese): small real PDFs written with pdfkit,
 * the library the labels use. The Chinese one uses STSong-Light, one of the standard CJK fonts PDF readers
 * provide (Adobe-GB1, not embedded), so the file stays a few kilobytes and needs no font on this machine.
 */
import PDFDocument from "pdfkit";

const TEXT = {
  en: {
    title: "Amoxicillin 500 mg capsules",
    subtitle: "Patient information leaflet (demo)",
    sections: [
      ["What it is", "An antibiotic of the penicillin family that treats infections caused by bacteria."],
      ["How to take it", "One capsule three times a day, with water, for as long as your doctor says."],
      ["Do not take it", "If you are allergic to penicillin. Tell your doctor about any earlier allergy."],
      ["Side effects", "Diarrhoea, nausea or a rash. Stop and seek help at once if you have trouble breathing."],
    ],
    footer: "Demo document of the TraceMed demo network: not a real medicine leaflet.",
  },
  zh: {
    title: "阿莫西林胶囊 500 mg",
    subtitle: "患者说明书（演示）",
    sections: [
      ["药品简介", "青霉素类抗生素，用于治疗细菌感染。"],
      ["用法用量", "每日三次，每次一粒，温水送服，疗程遵医嘱。"],
      ["禁忌", "对青霉素过敏者禁用。如曾有过敏史，请告知医生。"],
      ["不良反应", "腹泻、恶心或皮疹。如出现呼吸困难，请立即停药并就医。"],
    ],
    footer: "TraceMed 演示网络的演示文件，并非真实药品说明书。",
  },
} as const;

/** pdfkit's document as a Uint8Array once it ends. */
function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
}

/** Registers STSong-Light (UniGB-UCS2-H) on the page; returns its resource name. */
function songFont(doc: PDFKit.PDFDocument): string {
  const str = (s: string) => new String(s); // a PDF string, not a name
  const descriptor = doc.ref({
    Type: "FontDescriptor",
    FontName: "STSong-Light",
    Flags: 6,
    FontBBox: [-25, -254, 1000, 880],
    ItalicAngle: 0,
    Ascent: 880,
    Descent: -120,
    CapHeight: 880,
    StemV: 93,
  });
  const cid = doc.ref({
    Type: "Font",
    Subtype: "CIDFontType0",
    BaseFont: "STSong-Light",
    CIDSystemInfo: { Registry: str("Adobe"), Ordering: str("GB1"), Supplement: 2 },
    FontDescriptor: descriptor,
    DW: 1000,
    W: [1, 95, 500], // the half-width Latin, digits and punctuation of Adobe-GB1
  });
  const font = doc.ref({
    Type: "Font",
    Subtype: "Type0",
    BaseFont: "STSong-Light-UniGB-UCS2-H",
    Encoding: "UniGB-UCS2-H",
    DescendantFonts: [cid],
  });
  for (const ref of [descriptor, cid, font]) ref.end(null); // no stream: a dictionary alone
  (doc.page as unknown as { fonts: Record<string, unknown> }).fonts.FSong = font;
  return "FSong";
}

/** One line of Chinese at (x, y) from the page's top left, in `size` points. */
function zhLine(doc: PDFKit.PDFDocument, font: string, text: string, x: number, y: number, size: number) {
  const hex = Buffer.from(text, "utf16le").swap16().toString("hex");
  // pdfkit's pages run y downwards (it flips the page once): flip the text back upright.
  doc.addContent(`BT /${font} ${size} Tf 1 0 0 -1 ${x} ${y + size} Tm <${hex}> Tj ET`);
}

/** The demo leaflet in English or Chinese, as PDF bytes. */
export async function demoLeafletPdf(locale: "en" | "zh-CN"): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A5", margin: 40, info: { Title: TEXT.en.title }, compress: true });
  const done = collect(doc);
  if (locale === "en") {
    const t = TEXT.en;
    doc.font("Helvetica-Bold").fontSize(16).text(t.title);
    doc.font("Helvetica").fontSize(11).text(t.subtitle).moveDown();
    for (const [head, body] of t.sections) {
      doc.font("Helvetica-Bold").fontSize(11).text(head);
      doc.font("Helvetica").fontSize(10).text(body).moveDown(0.6);
    }
    doc.moveDown().fontSize(8).fillColor("#555555").text(t.footer);
  } else {
    const t = TEXT.zh;
    const font = songFont(doc);
    let y = 40;
    const line = (text: string, size: number, after: number) => {
      zhLine(doc, font, text, 40, y, size);
      y += size + after;
    };
    line(t.title, 16, 6);
    line(t.subtitle, 11, 14);
    for (const [head, body] of t.sections) {
      line(head, 11, 4);
      line(body, 10, 12);
    }
    line(t.footer, 8, 0);
  }
  doc.end();
  return done;
}
