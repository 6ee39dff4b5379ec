import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { buildDigitalLink, encodeDigitalLinkValue, parseDigitalLink } from "./digitalLink";
import { DigitalLinkError } from "./errors";
import { toLayout } from "./keyboardLayout";
import { fuzzText, onlyTypedErrors, typedError } from "./testing";

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

  // GS1's own vectors: the GS1 Barcode Syntax Engine's unit tests (gs1/gs1-syntax-engine,
  // src/c-lib/dl.c, test_dl_parseDLuri), which include the GS1 Digital Link 1.2 standard's examples.
  // Expected: the elements in bracketed form, in the order read (path, then query).
  const gs1Valid: Array<[url: string, elements: string]> = [
    ["http://a/00/006141411234567890", "(00)006141411234567890"],
    ["HTTPS://a/00/006141411234567890", "(00)006141411234567890"],
    ["https://a/01/12312312312333", "(01)12312312312333"],
    ["https://xn--fsq.xn--0zwm56d/01/12312312312333", "(01)12312312312333"],
    ["https://a:65535/01/12312312312333", "(01)12312312312333"],
    ["https://[2001:db8::1]/01/12312312312333", "(01)12312312312333"],
    ["https://a/stem/00/006141411234567890", "(00)006141411234567890"],
    ["https://a/more/stem/00/006141411234567890", "(00)006141411234567890"],
    ["https://a/00/faux/00/006141411234567890", "(00)006141411234567890"],
    ["https://a/01/12312312312333/22/TEST/10/ABC/21/XYZ", "(01)12312312312333(22)TEST(10)ABC(21)XYZ"],
    ["https://a/01/12312312312333/235/TEST", "(01)12312312312333(235)TEST"],
    ["https://a/253/1231231231232", "(253)1231231231232"],
    ["https://a/253/1231231231232TEST5678901234567", "(253)1231231231232TEST5678901234567"],
    ["https://a/stem/00/006141411234567890?", "(00)006141411234567890"],
    ["https://a/stem/00/006141411234567890?99=ABC", "(00)006141411234567890(99)ABC"],
    ["https://a/stem/401/12345678?99=ABC", "(401)12345678(99)ABC"],
    ["https://a/01/12312312312333?99=ABC&98=XYZ", "(01)12312312312333(99)ABC(98)XYZ"],
    ["https://a/01/12312312312333?&&&99=ABC&&&&&&98=XYZ&&&", "(01)12312312312333(99)ABC(98)XYZ"],
    ["https://a/01/12312312312333?unknown1=555&99=ABC&unknown2=666&98=XYZ", "(01)12312312312333(99)ABC(98)XYZ"],
    ["https://a/01/12312312312333?singleton1&99=ABC&singleton2&98=XYZ", "(01)12312312312333(99)ABC(98)XYZ"],
    ["https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ%2f987", "(01)12312312312333(22)ABC-123(99)ABC(98)XYZ/987"],
    // "+" is itself in the path
    ["https://a/01/12312312312333/22/ABC+123?99=ABC&98=XYZ%2f987", "(01)12312312312333(22)ABC+123(99)ABC(98)XYZ/987"],
    ["https://a/01/12312312312333/22/test/10/abc/21/xyz#", "(01)12312312312333(22)test(10)abc(21)xyz"],
    ["https://a/01/12312312312333/22/test/10/abc/21/xyz#fragment", "(01)12312312312333(22)test(10)abc(21)xyz"],
    ["https://a/stem/00/006141411234567890?99=ABC#fragment", "(00)006141411234567890(99)ABC"],
    ["https://id.gs1.org/01/09520123456788/22/2A", "(01)09520123456788(22)2A"],
    ["https://id.gs1.org/01/09520123456788/10/ABC123", "(01)09520123456788(10)ABC123"],
    ["https://id.gs1.org/01/09520123456788/21/12345", "(01)09520123456788(21)12345"],
    [
      "https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426",
      "(01)09520123456788(10)ABC1(21)12345(17)180426",
    ],
    ["https://id.gs1.org/01/09520123456788?3103=000195", "(01)09520123456788(3103)000195"],
    ["https://id.gs1.org/00/952012345678912345", "(00)952012345678912345"],
    // After an SSCC, batch/lot (10) is a data attribute of the logistic unit's contents.
    [
      "https://id.gs1.org/00/952012345678912345?02=09520123456788&37=25&10=ABC123",
      "(00)952012345678912345(02)09520123456788(37)25(10)ABC123",
    ],
    ["https://id.gs1.org/414/9520123456788", "(414)9520123456788"],
    ["https://id.gs1.org/414/9520123456788/254/32a%2Fb", "(414)9520123456788(254)32a/b"],
    // A second primary key as a data attribute.
    ["https://example.com/8004/9520614141234567?01=09520123456788", "(8004)9520614141234567(01)09520123456788"],
    // 235 chosen as the qualifier of 01, so 10 is a data attribute.
    ["https://id.gs1.org/01/09520123456788/235/XYZ?10=ABC123", "(01)09520123456788(235)XYZ(10)ABC123"],
  ];
  for (const [url, elements] of gs1Valid) {
    test(`GS1 vector reads: ${url}`, () => {
      const r = parseDigitalLink(url, opts);
      assert.equal(r.elements.map((e) => `(${e.ai})${e.value}`).join(""), elements);
    });
  }

  const gs1Invalid: Array<[url: string, why: string]> = [
    ["ftp://", "not http(s)"],
    ["http://a", "no path"],
    ["http://a/", "no primary key"],
    ["http://a/b/", "no primary key"],
    ["https://$a/006141411234567890", "bad character in the host"],
    ["https://a/01/12312312312333<bad", "character outside URIs"],
    ["https://a/stem/00/006141411234567890/", "the path cannot end in a slash"],
    ["https://a/253/1231231231232TEST56789012345678", "GDTI serial part too long"],
    ["https://a/01/12312312312333?99=", "empty AI value in the query"],
    ["https://a/01/12312312312333?99=ABC&999=faux", "numeric parameter that is no AI"],
    ["https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ+987", '"+" in a query value is a space'],
    ["https://example.com/01/09520123456788?10=ABC123", "10 after 01 belongs in the path"],
    ["https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&01=09520123456788", "01 twice"],
    ["https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&10=ABC123", "10 twice"],
    ["https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&99=XYZ789", "99 twice"],
    ["https://example.com/01/09520123456788/89/ABC123?99=XYZ", "unknown AI in the path"],
    ["https://example.com/01/09520123456788?99=XYZ&89=ABC123", "unknown AI in the query"],
    ["https://a/01//12312312312333", "empty value"],
    ["https://a/01/1231231231233%003", "NUL in a path value"],
    ["https://a/01/12312312312333?99=ABC%00DEF", "NUL in a query value"],
    ["https://a/01/12312312312333/10/", "empty qualifier value"],
    ["https://a/01/12312312312333/99/ABC", "99 is no key qualifier"],
  ];
  for (const [url, why] of gs1Invalid) {
    test(`GS1 vector refused (${why}): ${url}`, () => {
      assert.ok(typedError(() => parseDigitalLink(url, opts)) instanceof DigitalLinkError);
    });
  }

  test("key qualifiers belong to their primary key: after 00, 414 and 417 the query holds attributes", () => {
    // (Each set of attributes also meets GS1's AI pairing rules: 10 and 17 with 02 or 01, 37 with 02.)
    const sscc = parseDigitalLink(
      "https://id.gs1.org/00/095212340000000013?02=09521234543213&37=12&10=LOT1&17=261231",
      opts,
    );
    assert.deepEqual([sscc.sscc, sscc.lot, sscc.expiry], ["095212340000000013", "LOT1", "261231"]);
    const gln = parseDigitalLink("https://id.gs1.org/414/9521234000006?01=09521234543213&10=L9", opts);
    assert.deepEqual([gln.gln, gln.gtin, gln.lot], ["9521234000006", "09521234543213", "L9"]);
    const party = parseDigitalLink("https://id.gs1.org/417/9521234000006?400=PO-7", opts);
    assert.equal(party.elements[1]!.value, "PO-7");
    // A serial (21) is only ever a key qualifier: never a query attribute, whatever the key.
    const withSerial = "https://id.gs1.org/00/095212340000000013?21=S1";
    const e = typedError(() => parseDigitalLink(withSerial, opts));
    assert.deepEqual(
      [e.code, e.field, e.position],
      ["invalid-digital-link", "serial number (21)", withSerial.indexOf("21=")],
    );
    // A batch after an SSCC in the path is refused, and the message says where it goes.
    const p = typedError(() => parseDigitalLink("https://id.gs1.org/00/095212340000000013/10/L", opts));
    assert.equal(p.field, "batch/lot (10)");
    assert.match(p.message, /query/);
    // 22, 10, 21 after 01 and 235 after 01 are alternatives: never mixed.
    assert.equal(
      typedError(() => parseDigitalLink("https://id.gs1.org/01/09520123456788/10/L/235/X", opts)).code,
      "qualifier-order",
    );
  });

  test('"+" in a query is a space (form encoding); in a path it is "+"', () => {
    const r = parseDigitalLink("https://id.gs1.org/01/09521234543213/10/A+B?linkType=gs1:pip+x&99=C%2BD", opts);
    assert.equal(r.lot, "A+B");
    assert.deepEqual(r.params, { linkType: "gs1:pip x" });
    assert.equal(r.elements.at(-1)!.value, "C+D");
    const e = typedError(() => parseDigitalLink("https://id.gs1.org/01/09521234543213?17=2612+31", opts));
    assert.equal(e.field, "expiry date (17)");
  });

  test("a trailing slash is refused where it is, since it may be the end of a badly encoded value", () => {
    const url = "https://id.gs1.org/01/09521234543213/21/AB/";
    const e = typedError(() => parseDigitalLink(url, opts));
    assert.deepEqual([e.code, e.position], ["invalid-digital-link", url.length - 1]);
    assert.match(e.message, /%2F/);
  });

  test("a plain-data symbology identifier (]Q1, ]d1, ]J0) before the URI is taken off; positions stay raw", () => {
    for (const id of ["]Q1", "]d1", "]J0"]) {
      const r = parseDigitalLink(`${id}https://example.com/01/12312312312333?99=TEST`, opts);
      assert.deepEqual([r.gtin, r.symbology, r.elements[1]!.value], ["12312312312333", id, "TEST"]);
    }
    const e = typedError(() => parseDigitalLink("]Q1https://id.gs1.org/01/09521234543214", opts));
    assert.deepEqual([e.code, e.position], ["invalid-check-digit", 38]);
    // GS1 mode (]Q3, ]d2) carries element strings, never a URI.
    assert.equal(
      typedError(() => parseDigitalLink("]d2https://id.gs1.org/01/09521234543213")).code,
      "invalid-digital-link",
    );
  });

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
    fuzzText(tokens, 16, (s) => onlyTypedErrors(() => parseDigitalLink(s, opts)));
  });
});
