import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import { promisify } from "node:util";
import { parseDigitalLink } from "../digitalLink";
import { parseElementString } from "../elementString";
import { generateBatch, type PrintablePack } from "../generateBatch";
import { formatPin } from "../pinFormat";
import { createPinKey } from "../pinKey";
import { typedError } from "../testing";
import { LABEL_LAYOUTS, MM, type LayoutName } from "./layouts";
import { dataMatrixMatrix } from "./dataMatrix";
import { useCjkFonts } from "./fonts";
import { logisticLabelPdf, ssccBars, type LogisticLabelInput } from "./logistic";
import { writeLabelsPdf } from "./pdf";
import {
  crop,
  darkestInMargin,
  pdfFonts,
  pdfText,
  readCode128,
  readDataMatrix,
  readQr,
  renderPdf,
  symbolBoxes,
} from "./printed";

const run = promisify(execFile);
const generated = await generateBatch(
  { gtin: "09521234543213", lot: "LOT-26/A(1)", expiry: "281200", count: 30 },
  { pinKey: createPinKey(new Uint8Array(32).fill(7)), workers: 0 },
);
const packs: PrintablePack[] = [...generated.packs()];
const BASE = "https://trace.example.com/p";

async function pdfOf(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on("data", (c: Buffer) => chunks.push(c));
  await write(out);
  return Buffer.concat(chunks);
}

async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  const { writeFile, mkdtemp, rm } = await import("node:fs/promises");
  const dir = await mkdtemp("/tmp/tracemed-info-");
  try {
    await writeFile(`${dir}/in.pdf`, pdf);
    const { stdout } = await run("pdfinfo", [`${dir}/in.pdf`]);
    return Object.fromEntries(stdout.split("\n").map((l) => [l.split(":")[0]!, l.slice(l.indexOf(":") + 1).trim()]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("pack labels as printed: every stock, decoded back from 300 dpi renders", () => {
  for (const name of Object.keys(LABEL_LAYOUTS) as LayoutName[]) {
    const layout = LABEL_LAYOUTS[name];
    test(`${layout.title}: QR and GS1 DataMatrix of every label decode to its pack; fonts embedded; nothing within ${layout.safeMargin} mm of the edge`, async () => {
      const perPage = layout.columns * layout.rows;
      const count = Math.min(perPage, 30);
      const pdf = await pdfOf((out) =>
        writeLabelsPdf(packs.slice(0, count), out, { layout: name, base: BASE, compress: false }),
      );
      const [page] = await renderPdf(pdf, { dpi: 300, last: 1 });
      assert.ok(page);
      assert.equal(Math.round((page.width / 300) * 25.4), Math.round(layout.pageWidth));

      const boxes = symbolBoxes(pdf);
      const qrs = boxes.filter((b) => b.kind === "qr");
      const dms = boxes.filter((b) => b.kind === "datamatrix");
      assert.equal(qrs.length, count);
      assert.equal(dms.length, count);
      for (const [i, box] of qrs.entries()) {
        if (i >= perPage) break;
        const p = packs[Number(box.id)]!;
        const text = readQr(crop(page, box, 8));
        assert.ok(text, `QR of label ${box.id} not readable`);
        const link = parseDigitalLink(text, { referenceYear: 2026 });
        assert.deepEqual(
          [link.origin + link.pathPrefix, link.gtin, link.lot, link.serial, link.expiry],
          [BASE, p.gtin, p.lot, p.serial, p.expiry],
        );
      }
      for (const [i, box] of dms.entries()) {
        if (i >= perPage) break;
        const p = packs[Number(box.id)]!;
        const raw = readDataMatrix(crop(page, box, 4));
        assert.equal(raw[0], "\x1d", "FNC1 in first position: a GS1 DataMatrix");
        // The fixed-length AIs first, then the lot with its separator, the serial last.
        assert.equal(raw, `\x1d01${p.gtin}17${p.expiry}10${p.lot}\x1d21${p.serial}`);
        const es = parseElementString(raw, { referenceYear: 2026 });
        assert.deepEqual([es.gtin, es.lot, es.serial, es.expiry], [p.gtin, p.lot, p.serial, p.expiry]);
        // ECC 200 X-dimension for healthcare packs: at least 0.25 mm (GS1 General Specifications 5.12.3).
        const modules = dataMatrixMatrix(p).width;
        assert.ok(box.w / MM / modules >= 0.25, `DataMatrix modules of ${box.w / MM / modules} mm`);
      }

      const fonts = await pdfFonts(pdf);
      assert.ok(fonts.length >= 3);
      assert.deepEqual(
        fonts.filter((f) => !f.embedded),
        [],
      );
      const margin = darkestInMargin(page, layout.safeMargin * MM);
      assert.equal(margin.value, 255, `ink at (${margin.x}, ${margin.y}) px, inside the safe margin`);
      // ... and the labels do use the stock: ink begins within a few mm past the margin.
      assert.ok(darkestInMargin(page, (layout.safeMargin + 5) * MM).value < 128);

      const info = await pdfInfo(pdf);
      assert.equal(info.Subject, `Label stock: ${layout.title}`);
      assert.match(info.Keywords!, new RegExp(`label stock ${name};`));

      const text = await pdfText(pdf);
      for (const p of packs.slice(0, Math.min(count, perPage))) {
        assert.ok(text.includes(p.serial), p.serial);
        for (const group of formatPin(p.pin).split(" ")) assert.ok(text.includes(group), group);
      }
      for (const word of ["GTIN", "09521234543213", "LOT-26/A(1)", "EXP", "2028-12", "SN", "SCRATCH HERE FOR PIN"])
        assert.ok(text.includes(word), word);
    });
  }

  test("QR only, for consumer-only stickers: no DataMatrix, and the file says so", async () => {
    const pdf = await pdfOf((out) =>
      writeLabelsPdf(packs.slice(0, 3), out, { layout: "roll-50x30", dataMatrix: false, compress: false }),
    );
    const kinds = symbolBoxes(pdf).map((b) => b.kind);
    assert.deepEqual(kinds, ["qr", "qr", "qr"]);
    assert.match((await pdfInfo(pdf)).Keywords!, /QR only/);
  });

  test("an unknown stock is refused with a typed error", async () => {
    const err = await writeLabelsPdf(packs, new PassThrough().resume(), { layout: "a3-1x1" as LayoutName }).then(
      () => assert.fail("expected an error"),
      (e: unknown) =>
        typedError(() => {
          throw e;
        }),
    );
    assert.equal(err.code, "invalid-argument");
  });
});

const FROM = { name: "Shanghai Acme Pharmaceutical Co., Ltd.", gln: "6901234000016" };
const TO = { name: "Beijing Distribution", gln: "6901234000023" };
// GS1's own example SSCC: extension 1, company prefix 0614141 (7 digits), serial reference, check digit.
const SSCC = "106141412345678908";
const ONE: LogisticLabelInput = {
  sscc: SSCC,
  companyPrefixLength: 7,
  shipFrom: FROM,
  shipTo: TO,
  contents: [{ gtin: "09521234543213", lot: "LOT-26/A(1)", expiry: "281231", count: 120 }],
  origin: "https://trace.example.com",
};

describe("SSCC logistic label (GS1 Logistic Label Guideline)", () => {
  test("4 x 6 in: the GS1-128 of AI (00) and the Digital Link QR decode to the SSCC; HRI grouped by the company prefix", async () => {
    const pdf = await logisticLabelPdf(ONE);
    const [page] = await renderPdf(pdf, { dpi: 300 });
    assert.ok(page);
    assert.deepEqual([Math.round((page.width / 300) * 254), Math.round((page.height / 300) * 254)], [1016, 1524]);
    const raw = await renderedSymbols(ONE);
    assert.equal(raw.gs1128, `]C100${SSCC}`);
    const es = parseElementString(raw.gs1128);
    assert.equal(es.elements[0]?.ai, "00");
    assert.equal(es.elements[0]?.value, SSCC);
    assert.equal(raw.qr, `https://trace.example.com/00/${SSCC}`);
    // Logistic barcode: X-dimension 0.495-1.016 mm, at least 31.75 mm tall (GS1 General Specifications 5.12.3.4).
    assert.ok(raw.x >= 0.495 && raw.x <= 1.016, `X = ${raw.x} mm`);
    assert.ok(raw.height >= 31.75, `height ${raw.height} mm`);

    const text = await pdfText(pdf);
    assert.ok(text.includes("(00) 1 0614141 234567890 8"), text);
    for (const word of [
      "FROM",
      "TO",
      "Shanghai Acme",
      "GLN 6901234000016",
      "Beijing Distribution",
      "GLN 6901234000023",
    ])
      assert.ok(text.includes(word), word);
    for (const word of ["CONTENT", "09521234543213", "BATCH/LOT", "LOT-26/A(1)", "USE BY OR EXPIRY", "2028-12-31"])
      assert.ok(text.includes(word), word);
    assert.match(text, /COUNT\s+120/);
    assert.deepEqual(
      (await pdfFonts(pdf)).filter((f) => !f.embedded),
      [],
    );
    assert.equal(darkestInMargin(page, LABEL_LAYOUTS["roll-4x6"].safeMargin * MM).value, 255);
    assert.match((await pdfInfo(pdf)).Subject!, /4 x 6 in/);
  });

  test("unknown company prefix: the HRI is not grouped; mixed contents, no ship-to yet, on A5 within 5 mm", async () => {
    const input: LogisticLabelInput = {
      ...ONE,
      companyPrefixLength: null,
      shipTo: null,
      stock: "a5",
      contents: [
        { gtin: "09521234543213", lot: "L1", expiry: "281200", count: 100 },
        { gtin: "09521234543213", lot: "L2", expiry: null, count: 20 },
      ],
    };
    const pdf = await logisticLabelPdf(input);
    const text = await pdfText(pdf);
    assert.ok(text.includes(`(00) ${SSCC}`));
    assert.ok(!text.includes("(00) 1 0614141"));
    assert.match(text, /MIXED, 2 BATCHES/);
    // each batch on its own two lines, none run into the next
    assert.match(text, /09521234543213 x 100\s+LOT L1 EXP 2028-12\s+09521234543213 x 20\s+LOT L2\s+COUNT/);
    assert.match(text, /COUNT\s+120/);
    assert.ok(!text.includes("Beijing"));
    const [page] = await renderPdf(pdf, { dpi: 150 });
    assert.equal(darkestInMargin(page!, 5 * MM).value, 255);
    assert.equal((await renderedSymbols(input)).gs1128, `]C100${SSCC}`);
  });

  test("names in Chinese print as Chinese, in embedded subset fonts; the symbols still decode; the margin stays clear", async () => {
    const input = {
      ...ONE,
      shipFrom: { ...FROM, name: "华东医药配送有限公司" },
      shipTo: { ...TO, name: "北京同仁堂药店" },
    };
    const pdf = await logisticLabelPdf({ ...input, compress: false });
    const text = await pdfText(pdf);
    for (const word of ["华东医药配送有限公司", "北京同仁堂药店", `GLN ${FROM.gln}`, `GLN ${TO.gln}`])
      assert.ok(text.includes(word), word);
    const fonts = await pdfFonts(pdf);
    assert.ok(
      fonts.some((f) => /^[A-Z]{6}\+NotoSansHans-Bold$/.test(f.name)),
      JSON.stringify(fonts),
    );
    assert.deepEqual(
      fonts.filter((f) => !f.embedded || !f.subset),
      [],
    );
    // A subset: kilobytes, not the 8 MB face.
    assert.ok(pdf.length < 200_000, `${pdf.length} bytes`);
    assert.doesNotMatch((await pdfInfo(pdf)).Keywords!, /GLN/);
    const [page] = await renderPdf(pdf, { dpi: 300 });
    assert.equal(darkestInMargin(page!, LABEL_LAYOUTS["roll-4x6"].safeMargin * MM).value, 255);
    const raw = await renderedSymbols(input);
    assert.deepEqual([raw.gs1128, raw.qr], [`]C100${SSCC}`, `https://trace.example.com/00/${SSCC}`]);
  });

  test("a name mixing Latin and Chinese prints whole; a long one is cut to two lines between characters", async () => {
    const long = "国药控股华东医药物流配送（上海）有限公司第一分公司仓储中心";
    // One party a label: pdftotext reads side-by-side columns line by line, interleaving them.
    const name = async (shipFrom: LogisticLabelInput["shipFrom"]) =>
      /TO (.*?) GLN/.exec(
        (await pdfText(await logisticLabelPdf({ ...ONE, shipFrom, shipTo: null }))).replace(/\s+/g, " "),
      )?.[1];
    assert.equal(await name({ ...FROM, name: "Eastern Medical 华东医药" }), "Eastern Medical 华东医药");
    const cut = (await name({ ...FROM, name: long }))?.replace(/ /g, "");
    assert.ok(cut?.endsWith("\u2026") && long.startsWith(cut.slice(0, -1)) && cut.length > 12, cut);
  });

  test("where no font has a name's characters, the party's GLN prints, and the PDF's keywords say why", async (t) => {
    const emoji = await logisticLabelPdf({ ...ONE, shipFrom: { ...FROM, name: "Acme \u{1F48A}" } });
    assert.ok((await pdfText(emoji)).includes(`GLN ${FROM.gln}`));
    assert.ok(!(await pdfText(emoji)).includes("Acme"));
    assert.match((await pdfInfo(emoji)).Keywords!, /FROM name printed as its GLN: no label font has U\+1F48A/);

    useCjkFonts(null);
    t.after(() => useCjkFonts(undefined));
    const pdf = await logisticLabelPdf({
      ...ONE,
      shipFrom: { ...FROM, nameZh: "上海艾克美制药有限公司" },
      shipTo: { name: "北京同仁堂药店", gln: TO.gln },
    });
    const text = await pdfText(pdf);
    assert.ok(!text.includes("北京") && !text.includes("上海"));
    assert.ok(text.includes("Shanghai Acme") && text.includes(`GLN ${FROM.gln}`));
    assert.match(text, new RegExp(`TO\\s+(.*\\s+)?GLN ${TO.gln}`));
    assert.match(
      (await pdfInfo(pdf)).Keywords!,
      /FROM name in Chinese left out: .*; TO name printed as its GLN: no label font has U\+5317 \(the CJK font, npm package @embedpdf\/fonts-sc, is not installed\)/,
    );
  });

  test("bad input is refused with typed errors", async () => {
    const refusal = async (input: LogisticLabelInput) =>
      logisticLabelPdf(input).then(
        () => assert.fail("expected an error"),
        (e: unknown) =>
          typedError(() => {
            throw e;
          }),
      );
    assert.equal((await refusal({ ...ONE, sscc: SSCC.slice(0, 17) + "0" })).code, "invalid-check-digit");
    assert.equal((await refusal({ ...ONE, contents: [] })).field, "contents");
    assert.equal((await refusal({ ...ONE, contents: [{ ...ONE.contents[0]!, count: 0 }] })).field, "count");
    assert.equal((await refusal({ ...ONE, shipFrom: { ...FROM, gln: "123" } })).code, "invalid-length");
  });
});

/** The label's symbols as a scanner reads them from a 300 dpi render, and the barcode's size in mm. */
async function renderedSymbols(input: LogisticLabelInput) {
  const pdf = await logisticLabelPdf({ ...input, compress: false });
  const [page] = await renderPdf(pdf, { dpi: 300 });
  const boxes = symbolBoxes(pdf);
  const bars = boxes.find((b) => b.kind === "gs1-128")!;
  const qr = boxes.find((b) => b.kind === "qr")!;
  return {
    gs1128: readCode128(crop(page!, bars, 20)),
    qr: readQr(crop(page!, qr, 8)),
    x: bars.w / MM / ssccBars(input.sscc).reduce((a, b) => a + b, 0),
    height: bars.h / MM,
  };
}
