import assert from "node:assert/strict";
import { after, it } from "node:test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { storeReport } from "@tracemed/verification/reports/consumerReports";
import { ReportsTable } from "@/components/reports/ReportsTable";
import { messagesFor } from "@/lib/i18n/messages/index";

after(stopSharedPostgres);

const w = useCodedWorld("PostgreSQL 15");

it("htmlAndScriptInAReport_areStoredAsTyped_andShownAsInertText", async () => {
  const g = await w.batch(1);
  await w.index();
  const attack = `<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"\u202e`;
  const pack = { gtin: g.gtin, lot: g.lot, serial: g.serial(0) };
  const r = await storeReport(w.db, {
    ...pack,
    category: "looks_different",
    text: attack,
    contact: "<b>me</b>",
    region: "CN",
    clientHash: "html",
  });
  assert.equal(r.text, attack.replace("\u202e", ""), "stored as typed, minus the bidi override");
  const html = renderToStaticMarkup(createElement(ReportsTable, { reports: [r], m: messagesFor("en"), locale: "en" }));
  assert.ok(!html.includes("<script>"), "no script element");
  assert.ok(!html.includes("<img"), "no image element");
  assert.ok(!html.includes("<b>me"), "no markup from the contact");
  assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), "the text is shown, escaped");
  assert.ok(html.includes("&lt;b&gt;me&lt;/b&gt;"));
});
