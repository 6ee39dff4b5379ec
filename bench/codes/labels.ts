/**
 * Print-ready PDF for 10,000 labels (A4, 3 x 8) as the print files carry them (QR + GS1 DataMatrix,
 * embedded fonts), beside QR-only labels measured in the same run, and against the simplest
 * baseline: each QR rendered to PNG by `qrcode` and placed with pdfkit's doc.image (measured on
 * 1,000 labels and scaled). Also the CSV export of the same packs.
 * Run: bash scripts/node.sh node --import tsx bench/codes/labels.ts [labels]
 */
import { createWriteStream, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import {
  buildDigitalLink,
  createPinKey,
  formatPin,
  generateBatch,
  writeLabelsPdf,
  writePackCsv,
} from "@tracemed/codes";
import { row, saveResults } from "../suite/results";
import { child, fmt, run } from "./harness";

const N = Number(process.argv[2] ?? 10_000);
const BASELINE_SLICE = 1_000;
const base = "https://trace.example.com";
const out = (name: string) => join(tmpdir(), `tracemed-bench-${process.pid}-${name}`);

async function batch(count: number) {
  return generateBatch(
    { gtin: "09521234543213", lot: "BENCH-LBL", expiry: "301231", count },
    { pinKey: createPinKey(new Uint8Array(32).fill(3)), workers: 0 },
  );
}

const isChild = await child({
  async pdf() {
    const b = await batch(N);
    const file = out("labels.pdf");
    const t = performance.now();
    const r = await writeLabelsPdf(b.packs(), createWriteStream(file), { layout: "a4-3x8", base });
    return { pdfMs: performance.now() - t, pages: r.pages, mib: statSync(file).size / 2 ** 20 };
  },
  async qrOnly() {
    const b = await batch(N);
    const file = out("labels-qr.pdf");
    const t = performance.now();
    await writeLabelsPdf(b.packs(), createWriteStream(file), { layout: "a4-3x8", base, dataMatrix: false });
    return { pdfMs: performance.now() - t, mib: statSync(file).size / 2 ** 20 };
  },
  async csv() {
    const b = await batch(N);
    const t = performance.now();
    await writePackCsv(b.packs(), createWriteStream(out("packs.csv")), { base });
    return { csvMs: performance.now() - t };
  },
  async pngBaseline() {
    const b = await batch(BASELINE_SLICE);
    const t = performance.now();
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.pipe(createWriteStream(out("baseline.pdf")));
    const mm = 72 / 25.4;
    let i = 0;
    for (const p of b.packs()) {
      if (i % 24 === 0) doc.addPage({ size: "A4", margin: 0 });
      const x = (i % 3) * 70 * mm;
      const y = (Math.floor(i / 3) % 8) * 37 * mm;
      const png = await QRCode.toBuffer(buildDigitalLink(p, { base }), {
        errorCorrectionLevel: "M",
        margin: 4,
        scale: 4,
      });
      doc.image(png, x + 2 * mm, y + 2 * mm, { width: 28 * mm });
      doc
        .fontSize(7)
        .text(`GTIN ${p.gtin}  LOT ${p.lot}  SN ${p.serial}  PIN ${formatPin(p.pin)}`, x + 31 * mm, y + 4 * mm, {
          width: 37 * mm,
        });
      i++;
    }
    doc.end();
    await new Promise((r) => doc.on("end", r));
    return { baselineMs: performance.now() - t };
  },
});

if (!isChild) {
  const self = fileURLToPath(import.meta.url);
  console.log(
    `# ${N.toLocaleString("en")} labels, A4 3 x 8 (70 x 37 mm), QR + GS1 DataMatrix + identifiers + scratch-off PIN\n`,
  );
  const pdf = run(self, "pdf");
  console.log(
    `writeLabelsPdf QR + DataMatrix: ${fmt(Number(pdf.pdfMs))}, ${pdf.pages} pages, ${Number(pdf.mib).toFixed(1)} MiB, peak RSS ${pdf.maxRssMiB.toFixed(0)} MiB, ${(N / (Number(pdf.pdfMs) / 1000)).toFixed(0)} labels/s`,
  );
  const qrOnly = run(self, "qrOnly");
  const ratio = Number(pdf.pdfMs) / Number(qrOnly.pdfMs);
  console.log(
    `writeLabelsPdf QR only        : ${fmt(Number(qrOnly.pdfMs))}, ${Number(qrOnly.mib).toFixed(1)} MiB (QR + DataMatrix takes x${ratio.toFixed(2)})`,
  );
  const baseline = run(self, "pngBaseline");
  const scaled = (Number(baseline.baselineMs) * N) / BASELINE_SLICE;
  console.log(
    `baseline: qrcode PNG + image : ${fmt(Number(baseline.baselineMs))} for ${BASELINE_SLICE.toLocaleString("en")} -> ~${fmt(scaled)} for ${N.toLocaleString("en")} (x${(scaled / Number(pdf.pdfMs)).toFixed(2)})`,
  );
  const csv = run(self, "csv");
  console.log(`writePackCsv                 : ${fmt(Number(csv.csvMs))} for ${N.toLocaleString("en")} rows`);
  console.log(`\ntarget: PDF of 10,000 labels < 15 s -> ${Number(pdf.pdfMs) < 15000 ? "met" : "NOT met"}`);
  const labels = N.toLocaleString("en");
  await saveResults("codes-labels", [
    row(
      `labels: PDF of ${labels} labels, QR + GS1 DataMatrix`,
      Number(pdf.pdfMs) / 1000,
      "s",
      "the same labels with the QR only, same run",
      Number(qrOnly.pdfMs) / 1000,
    ),
    row(
      `labels: PDF of ${labels} labels, QR only (vector QR)`,
      Number(qrOnly.pdfMs) / 1000,
      "s",
      `qrcode PNG per label + pdfkit image, scaled from ${BASELINE_SLICE.toLocaleString("en")}`,
      scaled / 1000,
    ),
    row(
      `labels: PDF of ${labels} labels, peak memory`,
      pdf.maxRssMiB,
      "MiB",
      "PNG-per-label baseline peak memory",
      baseline.maxRssMiB,
    ),
  ]);
}
