import assert from "node:assert/strict";
import { test } from "node:test";
import type { PublicPackView } from "@tracemed/provenance/readPolicy";
import type { PackProduct, ProductText } from "@tracemed/verification/packInfo";
import { homePage } from "./home";
import { packPage, type PackInfoView } from "./pack";
import { problemPage } from "./problem";
import { scanPage } from "./scan";

const EVIL = `</dd><script>alert(1)</script><img src=x onerror=alert(2)>"' x="`;
const PLAIN = "plain";
/** The page's markup: each tag's name and attribute names, in order (values left out). */
const shape = (page: string) =>
  [...page.matchAll(/<(\/?[a-zA-Z][\w-]*)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*>|<(?!!doctype)/gi)].map((t) =>
    t[1] ? `${t[1]}${(t[2] ?? "").replace(/="[^"]*"/g, "")}` : "STRAY <",
  );
/** A page made with hostile values has exactly the markup of the same page made with plain ones. */
const assertContained = (render: (value: string) => string) => {
  const hostile = render(EVIL);
  assert.deepEqual(shape(hostile), shape(render(PLAIN)));
  assert.ok(!hostile.includes("<script>alert"));
};

/** A product with English master data only. */
const product = (en: ProductText): PackProduct => ({ text: { en, zh: null }, approvalNumber: null, leaflets: [] });

const info = (over: Partial<PackInfoView> = {}): PackInfoView => ({
  known: true,
  gtin: "09521234543213",
  lot: "LOT1",
  serial: "12345",
  status: "active",
  statusReason: null,
  expiresAt: "2028-11-23T23:59:59.000Z",
  expired: false,
  batchId: `0x${"ab".repeat(32)}`,
  product: product({ generic: "Amoxicillin", brand: null, strength: "500 mg", dosageForm: "capsules", packSize: "20" }),
  manufacturer: { name: "Acme Pharma", nameZh: null, country: "DE" },
  ...over,
});

const party = (name: string) => ({ name, nameZh: name, country: "CN" });
const journey = (name: string): PublicPackView => ({
  view: "public",
  batch: { manufacturer: party(name), madeOn: "2026-01-02" } as unknown as PublicPackView["batch"],
  pack: { serial: "12345", dispensed: { by: party(name), on: "2026-02-03" } },
  journey: [
    { from: party(name), to: party(name), status: "received", shippedOn: "2026-01-05", receivedOn: "2026-01-06" },
  ],
  exact: true,
});

test("hostile names, reasons, lots and serials never break out of the pack page", () => {
  const render = (EVIL: string) =>
    packPage(
      {
        info: info({
          lot: EVIL,
          serial: EVIL,
          status: "recalled",
          statusReason: EVIL,
          product: {
            ...product({ generic: EVIL, brand: EVIL, strength: EVIL, dosageForm: EVIL, packSize: EVIL }),
            approvalNumber: EVIL,
          },
          manufacturer: { name: EVIL, nameZh: EVIL, country: "DE" },
        }),
        journey: journey(EVIL),
        printedExpiry: EVIL,
        verdict: { code: "recalled", reason: EVIL, maker: { name: EVIL } },
        report: { values: { text: `</textarea>${EVIL}`, contact: EVIL, category: EVIL } },
      },
      "zh-CN",
    );
  assertContained(render);
  assert.ok(render(EVIL).includes("&lt;/dd&gt;&lt;script&gt;"), "the text is shown as typed");
});

test("hostile text typed into the code forms and refusals is shown, never run", () => {
  assertContained((v) =>
    homePage({ code: v, codeError: v, parts: { gtin: v, lot: v, serial: v }, partsError: v }, "en"),
  );
  assertContained((v) => scanPage({ code: v, codeError: v }, "en"));
  assertContained((v) => problemPage(v, "zh-CN", `/pack/${v}`));
});

test("pages are in the reader's language: lang, title and description", () => {
  const zh = packPage({ info: info(), journey: null, printedExpiry: null }, "zh-CN");
  assert.match(zh, /<html lang="zh-CN">/);
  assert.match(zh, /<title>查验这盒药：Amoxicillin 500 mg, capsules, 20 · TraceMed<\/title>/);
  assert.match(zh, /<meta name="description" content="查验药盒是否为正品/);
  const text = {
    en: { generic: "Amoxicillin", brand: null, strength: "500 mg", dosageForm: "capsules", packSize: "20 capsules" },
    zh: { generic: "阿莫西林", brand: null, strength: "500 mg", dosageForm: "胶囊", packSize: "20 粒" },
  };
  const chinese = packPage(
    { info: info({ product: { text, approvalNumber: null, leaflets: [] } }), journey: null, printedExpiry: null },
    "zh-CN",
  );
  assert.match(
    chinese,
    /<title>查验这盒药：阿莫西林 500 mg，胶囊，20 粒 · TraceMed<\/title>/,
    "Chinese text, Chinese commas",
  );
  const english = packPage(
    { info: info({ product: { text, approvalNumber: null, leaflets: [] } }), journey: null, printedExpiry: null },
    "en",
  );
  assert.match(english, /<title>Check this medicine: Amoxicillin 500 mg, capsules, 20 capsules · TraceMed<\/title>/);
  assert.match(homePage({}, "en"), /<html lang="en">[\s\S]*<title>Is this medicine genuine\? · TraceMed<\/title>/);
  assert.match(
    zh,
    /href="\/lang\?to=en&amp;back=%2Fpack%2F09521234543213%2FLOT1%2F12345"/,
    "the switch comes back here",
  );
});

test("Chinese master data shows in Chinese, and falls back to English field by field", () => {
  const product = {
    text: {
      en: {
        generic: "Amoxicillin",
        brand: "Amoxil",
        strength: "500 mg",
        dosageForm: "capsules",
        packSize: "20 capsules",
      },
      zh: { generic: "阿莫西林", brand: null, strength: "500毫克", dosageForm: "胶囊", packSize: "" },
    },
    approvalNumber: "国药准字H20000001",
    leaflets: [{ locale: "zh-CN" as const, href: "/leaflet/09521234543213/zh-CN" }],
  };
  const zh = packPage(
    {
      info: info({ product, manufacturer: { name: "Acme", nameZh: "艾克美", country: "CN" } }),
      journey: null,
      printedExpiry: null,
    },
    "zh-CN",
  );
  assert.match(zh, /Amoxil \(阿莫西林\) 500毫克，胶囊，20 capsules/);
  assert.match(zh, /国药准字H20000001/);
  assert.match(zh, /艾克美/);
  assert.match(zh, /href="\/leaflet\/09521234543213\/zh-CN"/);
  const en = packPage({ info: info({ product }), journey: null, printedExpiry: null }, "en");
  assert.match(en, /Amoxil \(Amoxicillin\) 500 mg, capsules, 20 capsules/);
});

test("a printed expiry that disagrees with the ledger's is said before any PIN; the PIN is never shown back", () => {
  const page = packPage(
    { info: info({ mismatch: { field: "expiry", printed: "301231" } }), journey: null, printedExpiry: "301231" },
    "en",
  );
  assert.match(
    page,
    /data-testid="pack-mismatch"[^>]*>[\s\S]*?\(Dec 31, 2030\) is not the expiry its manufacturer registered \(Nov 23, 2028\)/,
  );
  assert.match(page, /<input type="hidden" name="exp" value="301231" \/>/);
  assert.ok(!/name="pin"[^>]*value=/.test(page));
});

test("a wrong PIN says how many attempts are left", () => {
  const page = packPage(
    { info: info(), journey: null, printedExpiry: null, verdict: { code: "pin_mismatch", attemptsLeft: 2 } },
    "en",
  );
  assert.match(page, /data-verdict="pin_mismatch"/);
  assert.match(page, /2 more wrong PINs and checks of this pack pause for an hour/);
});

test("a serial of another lot is a code mismatch, said without the recorded lot", () => {
  const page = packPage(
    {
      info: info({ known: false, lot: "OTHER7", mismatch: { field: "lot", printed: "OTHER7" } }),
      journey: null,
      printedExpiry: null,
    },
    "zh-CN",
  );
  assert.match(page, /data-verdict="code_mismatch"/);
  assert.match(page, /药盒上印的批号（OTHER7）与生产企业登记的不符/);
});

test("a reason given in both languages reads in the reader's", () => {
  const view = {
    info: info({ status: "recalled" as const, statusReason: "Particles found | 中文: 发现颗粒" }),
    journey: null,
    printedExpiry: null,
  };
  assert.match(packPage(view, "zh-CN"), /该批次已被召回：发现颗粒/);
  const en = packPage(view, "en");
  assert.match(en, /recalled: Particles found\./);
  assert.ok(!en.includes("发现颗粒"));
});
