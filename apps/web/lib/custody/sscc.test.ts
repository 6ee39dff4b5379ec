import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildElementString, hasValidGs1CheckDigit, parseDigitalLink, withCheckDigit } from "@tracemed/codes";
import { CodeReadError, readCode, readPackCode, readShipmentCode } from "./readCode";
import { buildSscc, formatSscc, newSscc, refToSscc, ssccDigitalLink, ssccToRef } from "@tracemed/codes/browser";

const GLN = "6901234000023"; // a demo distributor's GLN

describe("SSCC shipment codes", () => {
  it("buildSscc_isEighteenDigitsFromTheSendersPrefixWithAValidCheckDigit", () => {
    const sscc = buildSscc(GLN, 1234, 3);
    assert.equal(sscc.length, 18);
    assert.equal(sscc.slice(0, 10), "3690123400", "extension digit, then the first 9 digits of the GLN");
    assert.equal(sscc.slice(10, 17), "0001234");
    assert.ok(hasValidGs1CheckDigit(sscc));
    // GS1's own example: 1 0614141 123456789 check 7
    assert.equal(buildSscc("0614141000005", 0, 1).slice(0, 10), "1061414100");
  });

  it("newSscc_givesDifferentValidCodesEachTime", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const s = newSscc(GLN);
      assert.ok(hasValidGs1CheckDigit(s) && s.length === 18);
      assert.equal(s.slice(1, 10), GLN.slice(0, 9));
      seen.add(s);
    }
    assert.ok(seen.size >= 199, "random serial references practically never repeat");
  });

  it("refRoundTrip_ssccToRefAndBack_andDemoRefsAreNotSsccs", () => {
    const sscc = buildSscc(GLN, 42, 0);
    const ref = ssccToRef(sscc);
    assert.match(ref, /^0x[0-9a-f]{64}$/);
    assert.equal(refToSscc(ref), sscc);
    // The seeded demo shipments' refs are 1, 2, 3, ...: not SSCCs, shown as such.
    for (let n = 0; n < 50; n++) assert.equal(refToSscc(`0x${n.toString(16).padStart(64, "0")}`), null);
    assert.equal(refToSscc(`0x${"ab".repeat(32)}`), null, "a hash is not an SSCC");
    assert.throws(() => ssccToRef("123"), /SSCC/);
    const wrongCheck = sscc.slice(0, 17) + String((Number(sscc[17]) + 1) % 10);
    assert.throws(() => ssccToRef(wrongCheck), /check digit/);
  });

  it("digitalLinkAndHri_areWhatTheLabelPrints_andTheCodesPackageReadsTheLinkBack", () => {
    const sscc = buildSscc(GLN, 7, 0);
    const link = ssccDigitalLink("http://127.0.0.1:3000/", sscc);
    assert.equal(link, `http://127.0.0.1:3000/00/${sscc}`);
    assert.equal(parseDigitalLink(link).sscc, sscc);
    // Grouped by the real company prefix (690123, 6 digits here) or not at all, never by a guess.
    assert.equal(formatSscc(sscc, 6), `(00) 0 690123 4000000007 ${sscc[17]}`);
    assert.equal(formatSscc(sscc), `(00) ${sscc}`);
  });
});

describe("reading a scan at the dock or the counter", () => {
  const sscc = buildSscc(GLN, 99, 5);
  const pack = { gtin: withCheckDigit("0690123456001"), lot: "ABC12", serial: "K3M9P2QX7R4T", expiry: "271231" };

  it("shipmentCodes_fromEveryWayAClerkCanEnterThem", () => {
    for (const input of [
      sscc,
      ` ${sscc.slice(0, 9)} ${sscc.slice(9)} `,
      `(00) ${sscc}`,
      `00${sscc}`,
      `]C100${sscc}`,
      `\x1d00${sscc}`,
      `https://example.org/00/${sscc}`,
      `]Q1https://example.org/00/${sscc}`, // a wedge scanner sending symbology identifiers
      // what a case label's link may say of its contents: after an SSCC, 10 is a query attribute
      `https://example.org/00/${sscc}?02=${pack.gtin}&37=12&10=${pack.lot}`,
    ]) {
      const c = readShipmentCode(input);
      assert.equal(c.sscc, sscc, JSON.stringify(input));
    }
  });

  it("packCodes_fromQrDataMatrixAndWedge_includingAMissingSeparator", () => {
    const es = buildElementString([
      { ai: "01", value: pack.gtin },
      { ai: "17", value: pack.expiry },
      { ai: "10", value: pack.lot },
      { ai: "21", value: pack.serial },
    ]);
    const inputs = [
      `https://h.example/01/${pack.gtin}/10/${pack.lot}/21/${pack.serial}?17=${pack.expiry}`,
      `]d2${es}`,
      `]Q3${es}`,
      es,
      es.replace("\x1d", ""), // a wedge scanner that dropped the GS
      `(01)${pack.gtin}(17)${pack.expiry}(10)${pack.lot}(21)${pack.serial}`,
      // QR Code and Data Matrix holding the link, as a scanner sending identifiers types them
      `]Q1https://h.example/01/${pack.gtin}/10/${pack.lot}/21/${pack.serial}?17=${pack.expiry}`,
      `]d1https://h.example/01/${pack.gtin}/10/${pack.lot}/21/${pack.serial}?17=${pack.expiry}`,
    ];
    for (const input of inputs) {
      const c = readPackCode(input);
      assert.deepEqual({ gtin: c.gtin, lot: c.lot, serial: c.serial, expiry: c.expiry }, pack, JSON.stringify(input));
    }
  });

  const reason = (input: string, read: (s: string) => unknown = readCode) => {
    try {
      read(input);
      return "accepted";
    } catch (e) {
      assert.ok(e instanceof CodeReadError, String(e));
      return e.reason;
    }
  };

  it("wrongKindAndUnreadableCodes_getAReasonEachNotAGenericFailure", () => {
    assert.equal(reason(""), "empty");
    assert.equal(reason("hello world"), "not-gs1");
    assert.equal(reason(pack.gtin), "product-only");
    // A pack's EAN-13 is its GTIN, never AI data, and its check digit must hold.
    assert.equal(reason(`]E0${pack.gtin.slice(1)}`), "product-only");
    assert.equal(reason(`]E0${pack.gtin.slice(1, 13)}${(Number(pack.gtin[13]) + 1) % 10}`), "unreadable");
    assert.equal(reason(`https://h.example/01/${pack.gtin}/10/${pack.lot}`), "incomplete-pack");
    assert.equal(reason(sscc.slice(0, 17) + String((Number(sscc[17]) + 1) % 10)), "unreadable");
    assert.equal(reason(`01${pack.gtin.slice(0, 13)}9` + `10${pack.lot}`), "unreadable");
    assert.equal(reason(sscc, readPackCode), "shipment-not-pack");
    assert.equal(
      reason(`https://h.example/01/${pack.gtin}/10/${pack.lot}/21/${pack.serial}`, readShipmentCode),
      "pack-not-shipment",
    );
  });
});
