import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { buildDigitalLink, encodeDigitalLinkValue, parseDigitalLink } from "./digitalLink";
import { DigitalLinkError } from "./errors";
import { toLayout } from "./keyboardLayout";
import { onlyTypedErrors, typedError } from "./testing";

const opts = { referenceYear: 2026 };

describe("GS1 Digital Link", () => {
  test("DOMAIN.md example", () => {
    const r = parseDigitalLink("https://id.gs1.org/01/09521234543213/10/ABC123/21/12345?17=261231", opts);
    assert.deepEqual(
      { gtin: r.gtin, lot: r.lot, serial: r.serial, expiry: r.expiry, origin: r.origin, pathPrefix: r.pathPrefix },
      {
        gtin: "09521234543213",
        lot: "ABC123",
        serial: "12345",
        expiry: "261231",
        origin: "https://id.gs1.org",
        pathPrefix: "",
      },
    );
    assert.equal(
      buildDigitalLink({ gtin: "09521234543213", lot: "ABC123", serial: "12345", expiry: "261231" }),
      "https://id.gs1.org/01/09521234543213/10/ABC123/21/12345?17=261231",
    );
  });

  test("GTIN-8/12/13 are padded to 14, in parsing and building", () => {
    assert.equal(parseDigitalLink("https://id.gs1.org/01/9521234543213").gtin, "09521234543213");
    assert.equal(parseDigitalLink("https://id.gs1.org/01/96385074").gtin, "00000096385074");
    assert.equal(buildDigitalLink({ gtin: "614141000036" }), "https://id.gs1.org/01/00614141000036");
  });

  test("a path prefix on our own host, upper-case scheme and host, other query parameters", () => {
    const r = parseDigitalLink(
      "HTTPS://Trace.Example.COM/p/dl/01/09521234543213/21/X1?linkType=gs1:epil&17=261231",
      opts,
    );
    assert.equal(r.origin, "https://trace.example.com");
    assert.equal(r.pathPrefix, "/p/dl");
    assert.equal(r.serial, "X1");
    assert.equal(r.expiry, "261231");
    assert.deepEqual(r.params, { linkType: "gs1:epil" });
    assert.equal(
      buildDigitalLink({ gtin: "09521234543213", serial: "X1" }, { base: "https://trace.example.com/p/dl/" }),
      "https://trace.example.com/p/dl/01/09521234543213/21/X1",
    );
  });

  test("the old alpha form /gtin/.../lot/.../ser/...", () => {
    const r = parseDigitalLink("https://example.com/gtin/09521234543213/lot/L1/ser/S1");
    assert.deepEqual([r.gtin, r.lot, r.serial], ["09521234543213", "L1", "S1"]);
  });

  test("reserved characters are percent-encoded and decoded", () => {
    const lot = "A/B?C%D&E (1)";
    assert.equal(typedError(() => buildDigitalLink({ gtin: "09521234543213", lot })).field, "batch/lot (10)"); // a space is not CSET 82
    const url = buildDigitalLink({ gtin: "09521234543213", lot: "A/B?C%D&E(1)*!'" });
    assert.equal(url, "https://id.gs1.org/01/09521234543213/10/A%2FB%3FC%25D%26E%281%29%2A%21%27");
    assert.equal(parseDigitalLink(url).lot, "A/B?C%D&E(1)*!'");
  });

  test("SSCC and GLN links", () => {
    assert.equal(parseDigitalLink("https://id.gs1.org/00/095212340000000013").sscc, "095212340000000013");
    const g = parseDigitalLink("https://id.gs1.org/414/9521234000006/254/DOCK-3");
    assert.equal(g.gln, "9521234000006");
    assert.equal(g.elements[1]!.value, "DOCK-3");
  });

  const errors: Array<[name: string, url: string, code: string, field: string, position: number]> = [
    [
      "qualifiers out of order (21 before 10)",
      "https://id.gs1.org/01/09521234543213/21/S/10/L",
      "qualifier-order",
      "batch/lot (10)",
      42,
    ],
    [
      "a data attribute in the path",
      "https://id.gs1.org/01/09521234543213/17/261231",
      "invalid-digital-link",
      "expiry date (17)",
      37,
    ],
    [
      "a key qualifier in the query",
      "https://id.gs1.org/01/09521234543213?21=S",
      "invalid-digital-link",
      "serial number (21)",
      37,
    ],
    ["wrong GTIN check digit", "https://id.gs1.org/01/09521234543214", "invalid-check-digit", "GTIN (01)", 35],
    [
      "bad expiry in the query",
      "https://id.gs1.org/01/09521234543213?17=261331",
      "invalid-date",
      "expiry date (17)",
      42,
    ],
    [
      "broken percent-encoding",
      "https://id.gs1.org/01/09521234543213/10/A%G1",
      "invalid-percent-encoding",
      "batch/lot (10)",
      41,
    ],
    [
      "a value outside CSET 82",
      "https://id.gs1.org/01/09521234543213/21/%41%20B",
      "invalid-character",
      "serial number (21)",
      43,
    ],
    [
      "a qualifier without a value",
      "https://id.gs1.org/01/09521234543213/21",
      "invalid-digital-link",
      "serial number (21)",
      39,
    ],
    ["no primary key", "https://id.gs1.org/products/42", "invalid-digital-link", "Digital Link", 18],
    ["not http(s)", "ftp://id.gs1.org/01/09521234543213", "invalid-digital-link", "Digital Link", 0],
  ];
  for (const [name, url, code, field, position] of errors) {
    test(`error: ${name}`, () => {
      const e = typedError(() => parseDigitalLink(url, opts));
      assert.ok(e instanceof DigitalLinkError, e.constructor.name);
      assert.equal(e.code, code);
      assert.equal(e.field, field);
      assert.equal(e.position, position);
    });
  }

  test("a link typed through an AZERTY keyboard is repaired and says so", () => {
    const typed = toLayout("https://id.gs1.org/01/09521234543213/10/ABC123/21/12345?17=261231", "azerty");
    assert.ok(typed.startsWith("httpsM!!"));
    const r = parseDigitalLink(typed, opts);
    assert.equal(r.serial, "12345");
    assert.equal(r.repairs[0]!.kind, "keyboard-layout");
  });

  test("build -> parse round trip with any GS1 characters", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/),
        fc.stringMatching(/^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/),
        (lot, serial) => {
          const url = buildDigitalLink(
            { gtin: "09521234543213", lot, serial, expiry: "280200" },
            { base: "https://trace.example/x" },
          );
          assert.ok(/^[A-Za-z0-9\-._~%/:?=]+$/.test(url), url);
          const r = parseDigitalLink(url, opts);
          assert.deepEqual(
            [r.gtin, r.lot, r.serial, r.expiry, r.pathPrefix],
            ["09521234543213", lot, serial, "280200", "/x"],
          );
        },
      ),
      { numRuns: 300 },
    );
    assert.equal(encodeDigitalLinkValue("é"), "%C3%A9");
  });

  test("fuzz: no input makes the parser throw anything but its typed error", () => {
    const tokens = fc.oneof(
      fc.constantFrom(
        "https://",
        "id.gs1.org",
        "/",
        "01",
        "10",
        "21",
        "22",
        "17",
        "?",
        "&",
        "=",
        "%",
        "%2",
        "#",
        "gtin",
        "09521234543213",
        "M!!",
      ),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 80 }),
          fc.array(tokens, { maxLength: 16 }).map((a) => a.join("")),
        ),
        (s) => {
          onlyTypedErrors(() => parseDigitalLink(s, opts));
        },
      ),
      { numRuns: 1500 },
    );
  });
});
