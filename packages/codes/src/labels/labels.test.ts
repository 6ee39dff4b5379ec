import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import zx from "@zxing/library";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { parseDigitalLink } from "../digitalLink";
import { parseElementString } from "../elementString";
import { generateBatch, type PrintablePack } from "../generateBatch";
import { createPinKey } from "../pinKey";
import { formatPin } from "../pinFormat";
import { typedError } from "../testing";
import { CSV_COLUMNS, packCsvLines, writePackCsv } from "./csv";
import { dataMatrixMatrix, dataMatrixPng, dataMatrixSvg } from "./dataMatrix";
import { rollLayout } from "./layouts";
import { rasterize, type ModuleMatrix } from "./matrix";
import { writeLabelsPdf } from "./pdf";
import { qrMatrix, qrPng, qrSvg } from "./qr";

const { BinaryBitmap, DataMatrixReader, HybridBinarizer, RGBLuminanceSource } = zx;

function decodeQr(gray: { width: number; height: number; pixels: Uint8ClampedArray }): string | undefined {
  const rgba = new Uint8ClampedArray(gray.width * gray.height * 4);
  for (let i = 0; i < gray.pixels.length; i++)
    rgba.fill(gray.pixels[i]!, 4 * i, 4 * i + 3).fill(255, 4 * i + 3, 4 * i + 4);
  return jsQR(rgba, gray.width, gray.height)?.data;
}
function decodeDataMatrix(gray: { width: number; height: number; pixels: Uint8ClampedArray }): string {
  const source = new RGBLuminanceSource(gray.pixels, gray.width, gray.height);
  return new DataMatrixReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
}
function pngToGray(png: Buffer) {
  const img = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(img.width * img.height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = img.data[4 * i]!;
  return { width: img.width, height: img.height, pixels };
}

// Generated like a real batch (random serials and PINs), with a lot that needs percent-encoding.
const generated = await generateBatch(
  { gtin: "09521234543213", lot: "LOT-26/A(1)", expiry: "281200", count: 30 },
  { pinKey: createPinKey(new Uint8Array(32).fill(5)), workers: 0 },
);
const packs: PrintablePack[] = [...generated.packs()].map((p, i) => (i % 2 ? p : { ...p, lot: "L1" }));
const url = "https://trace.example.com/p/01/09521234543213/10/LOT-26%2FA%281%29/21/SN0000000001?17=281200";

describe("labels", () => {
  test("QR: PNG and the module matrix decode back to the Digital Link (jsqr)", async () => {
    assert.equal(decodeQr(pngToGray(await qrPng(url))), url);
    assert.equal(decodeQr(rasterize(qrMatrix(url))), url);
    assert.match(await qrSvg(url), /^<svg/);
    const back = parseDigitalLink(decodeQr(rasterize(qrMatrix(url)))!);
    assert.deepEqual([back.lot, back.serial, back.expiry], ["LOT-26/A(1)", "SN0000000001", "281200"]);
  });

  test("GS1 DataMatrix: PNG and matrix decode (zxing) to FNC1 + the element string", async () => {
    const id = { gtin: "09521234543213", lot: "LOT-26/A(1)", serial: "SN0000000001", expiry: "281200" };
    for (const gray of [pngToGray(await dataMatrixPng(id)), rasterize(dataMatrixMatrix(id))]) {
      const text = decodeDataMatrix(gray);
      assert.equal(text[0], "\x1d", "FNC1 in first position: a GS1 DataMatrix");
      const r = parseElementString(text, { referenceYear: 2026 });
      assert.deepEqual([r.gtin, r.lot, r.serial, r.expiry], [id.gtin, id.lot, id.serial, id.expiry]);
      assert.deepEqual(r.repairs, []);
    }
    assert.match(dataMatrixSvg(id), /<svg/);
  });

  test("PDF sheet: every label's QR, read back from the page content, decodes to its pack", async () => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on("data", (c: Buffer) => chunks.push(c));
    const result = await writeLabelsPdf(packs, out, {
      layout: "a4-3x8",
      base: "https://trace.example.com/p",
      compress: false,
    });
    assert.deepEqual(result, { labels: 30, pages: 2 });
    const pdf = Buffer.concat(chunks).toString("latin1");
    assert.ok(pdf.startsWith("%PDF-"));
    const blocks = [...pdf.matchAll(/% tracemed:qr (\d+)\nq 0 g\n([^f]*)f\nQ/g)];
    assert.equal(blocks.length, 30);
    for (const [, index, path] of blocks) {
      const rects = [...path!.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re/g)].map(
        (m) => m.slice(1, 5).map(Number) as [number, number, number, number],
      );
      const module = Math.min(...rects.map((r) => r[3]));
      const x0 = Math.min(...rects.map((r) => r[0]));
      const y0 = Math.min(...rects.map((r) => r[1]));
      const size = Math.round((Math.max(...rects.map((r) => r[0] + r[2])) - x0) / module);
      const m: ModuleMatrix = { width: size, height: size, modules: new Uint8Array(size * size) };
      for (const [x, y, w] of rects) {
        const gx = Math.round((x - x0) / module);
        const gy = Math.round((y - y0) / module);
        m.modules.fill(1, gy * size + gx, gy * size + gx + Math.round(w / module));
      }
      const p = packs[Number(index)]!;
      const link = parseDigitalLink(decodeQr(rasterize(m))!, { referenceYear: 2026 });
      assert.deepEqual(
        [link.origin + link.pathPrefix, link.gtin, link.lot, link.serial, link.expiry],
        ["https://trace.example.com/p", p.gtin, p.lot, p.serial, p.expiry],
      );
    }
    // The GS1 DataMatrix is on every label by default (print.test.ts decodes it from the render).
    assert.equal([...pdf.matchAll(/% tracemed:datamatrix (\d+)\n/g)].length, 30);
  });

  test("roll labels: one label a page; too small a label is refused", async () => {
    const out = new PassThrough().resume();
    assert.deepEqual(await writeLabelsPdf(packs.slice(0, 3), out, { layout: "roll-50x30" }), { labels: 3, pages: 3 });
    const tiny = rollLayout("tiny", 20, 15);
    const e = await writeLabelsPdf(packs, new PassThrough().resume(), { layout: tiny }).then(
      () => assert.fail("expected an error"),
      (err: unknown) =>
        typedError(() => {
          throw err;
        }),
    );
    assert.equal(e.code, "label-too-small");
  });

  test("CSV for the serialization line: RFC 4180 quoting, and every column reads back", async () => {
    const lines = [...packCsvLines(packs.slice(0, 2), { base: "https://trace.example.com" })];
    assert.match(lines[0]!, /^# GS = ASCII 29/);
    assert.equal(lines[1], CSV_COLUMNS.join(",") + "\r\n");
    assert.ok(lines.every((l) => l.endsWith("\r\n")));
    const row = lines[3]!.trimEnd().split(",");
    assert.equal(row.length, CSV_COLUMNS.length);
    assert.equal(row[5], formatPin(packs[1]!.pin));
    const es = parseElementString(row[7]!, { referenceYear: 2026 });
    assert.deepEqual(
      [es.gtin, es.lot, es.serial, es.expiry],
      ["09521234543213", "LOT-26/A(1)", packs[1]!.serial, "281200"],
    );
    assert.equal(parseDigitalLink(row[6]!).serial, packs[1]!.serial);
    const quoted = [...packCsvLines([{ ...packs[0]!, lot: 'A,"B"' }])][2]!;
    assert.ok(quoted.includes('"A,""B"""'));
    const sink = new PassThrough();
    const got: Buffer[] = [];
    sink.on("data", (c: Buffer) => got.push(c));
    assert.equal(await writePackCsv(packs, sink), 30);
    assert.equal(Buffer.concat(got).toString().split("\r\n").length, 33);
  });

  test("CSV element string is byte-exact for line printers: ASCII 29 after the lot, no <GS> literal", async () => {
    const sink = new PassThrough();
    const got: Buffer[] = [];
    sink.on("data", (c: Buffer) => got.push(c));
    await writePackCsv(packs.slice(0, 3), sink);
    const bytes = Buffer.concat(got);
    assert.ok(!bytes.includes("<GS>"));
    const [comment, header, ...rows] = bytes.toString("latin1").split("\r\n");
    assert.equal(comment, "# GS = ASCII 29; gs1_element_string separates fields with ASCII 29 (GS, 0x1D)");
    const column = header!.split(",").indexOf("gs1_element_string");
    for (const [i, line] of rows.filter(Boolean).entries()) {
      const p = packs[i]!;
      const field = Buffer.from(line.split(",")[column]!, "latin1");
      const expected = Buffer.concat([
        Buffer.from(`01${p.gtin}17${p.expiry}10${p.lot}`, "ascii"),
        Buffer.from([0x1d]),
        Buffer.from(`21${p.serial}`, "ascii"),
      ]);
      assert.deepEqual(field, expected);
    }
    // Software that cannot take a control character gets the escape it asks for, named in the file.
    const escaped = [...packCsvLines(packs.slice(0, 1), { gsPlaceholder: "<GS>" })];
    assert.match(escaped[0]!, /"<GS>" \(stands for ASCII 29, GS\)/);
    assert.ok(escaped[2]!.includes(`10${packs[0]!.lot}<GS>21`));
  });
});
