import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeHtml, html, raw } from "./html";

test("interpolated text is escaped, in content and in attributes", () => {
  const name = `<script>alert(1)</script>"' onload="x`;
  const out = html`<p title="${name}">${name}</p>`.text;
  assert.ok(!out.includes("<script>"));
  assert.ok(!out.includes(`" onload="`));
  assert.equal(out, `<p title="${escapeHtml(name)}">${escapeHtml(name)}</p>`);
});

test("fragments nest without double escaping; arrays join; null, undefined and false render nothing", () => {
  const items = ["a&b", "c"].map((s) => html`<li>${s}</li>`);
  const none = [null, undefined, false];
  // prettier-ignore
  const list = html`<ul>${items}${none}</ul>`;
  assert.equal(list.text, "<ul><li>a&amp;b</li><li>c</li></ul>");
  assert.equal(html`${raw("<b>x</b>")} ${0}`.text, "<b>x</b> 0");
});
