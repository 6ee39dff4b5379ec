import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { messagesFor } from "@/lib/i18n/messages";
import { readAddressInput } from "./address";
import { addressFeedback, countryFeedback, keyFeedback, prefixesFeedback, shipmentCodeFeedback } from "./asTyped";

const en = messagesFor("en");
const zh = messagesFor("zh-CN");

describe("identifier fields as typed", () => {
  it("a GLN: progress while short, the check digit named once all 13 are typed, a tick when right", () => {
    assert.deepEqual(keyFeedback(en, "gln", ""), null);
    assert.deepEqual(keyFeedback(en, "gln", "69012"), { tone: "hint", text: "5 of 13 digits" });
    assert.deepEqual(keyFeedback(en, "gln", "690123400010"), {
      tone: "hint",
      text: "12 of 13 digits; the last one will be 8",
    });
    assert.deepEqual(keyFeedback(en, "gln", "6901234000105"), {
      tone: "bad",
      text: "The last digit (the check digit) should be 8, not 5: check the number.",
    });
    assert.deepEqual(keyFeedback(en, "gln", "6901234000108"), { tone: "ok", text: "✓ Valid GLN." });
    assert.equal(keyFeedback(zh, "gln", "6901234000105")?.text, "最后一位（校验位）应为 8，而不是 5：请核对号码。");
    assert.equal(keyFeedback(en, "gln", "69012", true)?.tone, "bad", "still short when the form is sent");
  });

  it("an SSCC: a letter and one digit too many are problems at once", () => {
    assert.deepEqual(keyFeedback(en, "sscc", "09521234O"), {
      tone: "bad",
      text: "Only digits: character 9 is not one.",
    });
    assert.equal(
      keyFeedback(en, "sscc", "0952123400000000131")?.text,
      "Too long: SSCC numbers have 18 digits; this has 19.",
    );
    assert.equal(keyFeedback(en, "sscc", "095212340000000013")?.tone, "ok");
    assert.equal(keyFeedback(en, "sscc", "095212340000000018")?.tone, "bad");
  });

  it("an account address: progress, a character that is not hex, a mistyped checksum, the zero address", () => {
    const good = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    assert.deepEqual(addressFeedback(en, "0x3c44"), { tone: "hint", text: "4 of 40 hexadecimal digits after 0x" });
    assert.equal(addressFeedback(en, "0x3g")?.text, "Character 4 is not a hexadecimal digit (0-9, a-f).");
    assert.equal(addressFeedback(en, "3c44")?.text, "An account address starts with 0x.");
    assert.equal(addressFeedback(en, good.replace("0x3C", "0x3c"))?.tone, "bad");
    assert.match(addressFeedback(en, good.replace("0x3C", "0x3c"))!.text, /checksum/);
    assert.deepEqual(addressFeedback(en, good), { tone: "ok", text: "✓ A valid account address." });
    assert.equal(addressFeedback(en, `0x${"0".repeat(40)}`)?.text, "The zero address belongs to nobody.");
    assert.deepEqual(readAddressInput(` ${good} `), { status: "valid", account: good.toLowerCase() });
  });

  it("company prefixes: the one being typed may be short; a settled one that breaks a rule is said", () => {
    const check = (text: string) => (text.split(/[\s,]+/).some((p) => p && p.length < 4) ? "too short" : null);
    assert.deepEqual(prefixesFeedback(en, "69012, 69", check), {
      tone: "hint",
      text: "69 is too short so far: a company prefix has 4 to 12 digits.",
    });
    assert.deepEqual(prefixesFeedback(en, "69012, 69, ", check), { tone: "bad", text: "too short" });
    assert.deepEqual(prefixesFeedback(en, "69012, 69", check, true), { tone: "bad", text: "too short" });
    assert.deepEqual(prefixesFeedback(en, "69012 690345", check), {
      tone: "hint",
      text: "2 company prefix(es) so far",
    });
    assert.equal(prefixesFeedback(en, "  ", check), null);
  });

  it("a country code: a character that is not a letter is said at once", () => {
    assert.equal(countryFeedback(en, "C1")?.text, "Two letters, e.g. CN: character 2 is not a letter.");
    assert.equal(countryFeedback(en, "cn"), null);
  });

  it("a shipment code at the receive desk: an SSCC read as typed, with or without its (00); a link left alone", () => {
    assert.equal(shipmentCodeFeedback(en, "(00)095212340000000013")?.tone, "ok");
    assert.equal(shipmentCodeFeedback(en, "00095212340000000013")?.tone, "ok");
    assert.deepEqual(shipmentCodeFeedback(en, "0952 1234"), { tone: "hint", text: "8 of 18 digits" });
    assert.equal(shipmentCodeFeedback(en, "095212340000000018")?.tone, "bad");
    assert.equal(shipmentCodeFeedback(en, "http://localhost/00/095212340000000013"), null);
  });
});
