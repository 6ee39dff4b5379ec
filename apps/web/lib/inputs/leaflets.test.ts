import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { leafletFileProblem } from "@tracemed/verification/leaflet";
import { leafletLink, leafletParams } from "./leaflets";
import { accepted, assertRefusals } from "./testing";

describe("leaflet (PUT /api/manufacturer/products/{gtin}/leaflets/{locale}, GET /leaflet/...)", () => {
  it("reads the address and an https link", () => {
    assert.deepEqual(accepted(leafletParams, { gtin: "9521234543213", locale: "zh-CN" }), {
      gtin: "09521234543213",
      locale: "zh-CN",
    });
    assert.deepEqual(accepted(leafletLink, { url: " https://pharma.example.com/a.pdf " }), {
      url: "https://pharma.example.com/a.pdf",
    });
  });

  it("refuses another language, a link that is not https, and a file that is not a PDF", () => {
    assertRefusals(leafletParams, [
      [{ gtin: "09521234543213", locale: "de" }, "LeafletLocale", 400, /en \(English\) or zh-CN/],
      [{ gtin: "09521234543213" }, "LeafletLocale", 400],
    ]);
    assertRefusals(leafletLink, [
      [{ url: "ftp://pharma.example.com/a.pdf" }, "LeafletLinkInvalid", 400, /https/],
      [{ url: "/leaflet.pdf" }, "LeafletLinkInvalid", 400, /https/],
      [{ url: `https://a.example/${"x".repeat(2000)}` }, "LeafletLinkInvalid", 400, /2000/],
      [null, "LeafletLinkInvalid", 400],
    ]);
    const head = (s: string) => new TextEncoder().encode(s);
    assert.equal(leafletFileProblem(100, head("%PDF-")), null);
    assert.equal(leafletFileProblem(100, head("%PDF1")), "not-pdf");
    assert.equal(leafletFileProblem(10 * 1024 * 1024 + 1, head("%PDF-")), "too-large");
    assert.equal(leafletFileProblem(0, head("")), "empty");
  });
});
