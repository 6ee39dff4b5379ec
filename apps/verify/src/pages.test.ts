/**
 * The consumer's pages through real HTTP, as a phone without JavaScript uses them: the pack page, the PIN form
 * post answered with the verdict page, refusals as pages with a 4xx, the resolver on the configured origin.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { GeneratedBatch } from "@tracemed/codes";
import { rawHttp } from "@tracemed/config/testing/rawHttp";
import { startCodedWorld, stopSharedPostgres, type CodedWorld } from "@tracemed/indexer/testing";
import { startService } from "./testService";

const ORIGIN = "https://trace.example.org";
/** What the pack page may ship as JavaScript, compressed, everything included (issue 16). */
const PACK_PAGE_JS_BUDGET = 50 * 1024;

describe("the consumer's pages on the public port", () => {
  let w: CodedWorld;
  let g: GeneratedBatch;
  let service: { url: string; child: ChildProcess } | undefined;
  let base = "";
  before(async () => {
    w = await startCodedWorld("PostgreSQL 15");
    [g] = await Promise.all([w.batch(12)]);
    await w.index();
    service = await startService(w.databaseUrl, w.keysDir, { PUBLIC_ORIGIN: ORIGIN });
    base = service.url;
  });
  after(async () => {
    service?.child.kill("SIGTERM");
    await w?.stop();
    await stopSharedPostgres();
  });

  const packUrl = (i: number, url = base) => `${url}/pack/${g.gtin}/${g.lot}/${g.serial(i)}`;
  const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    });
  const verdictOf = (page: string) => /data-verdict="([a-z_]+)"/.exec(page)?.[1];

  it("packPage_isAPlainFormThatAnswersWithTheVerdictPage_withoutJavaScript", async () => {
    const page = await fetch(packUrl(0));
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("cache-control"), "no-store", "a pack's status never comes from a cache");
    const html = await page.text();
    assert.match(html, /<form method="post" action="\/pack\/[^"]+"/);
    assert.match(html, /data-testid="pack-facts"[\s\S]*Amoxicillin/);

    const pin = g.pin(0);
    const first = await post(packUrl(0), { pin });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("cache-control"), "private, no-store");
    const shown = await first.text();
    assert.equal(verdictOf(shown), "genuine");
    assert.ok(!shown.includes(pin.replaceAll(" ", "")) && !shown.includes(pin), "the PIN is never shown back");
    const again = await (await post(packUrl(0), { pin })).text();
    assert.equal(verdictOf(again), "already_verified");
  });

  it("wrongPin_saysSo_andATypoIsCaughtBeforeAnyCheck", async () => {
    const wrong = await post(packUrl(1), { pin: g.pin(2) });
    assert.equal(wrong.status, 200);
    const said = await wrong.text();
    assert.equal(verdictOf(said), "pin_mismatch");
    assert.match(
      said,
      /data-testid="attempts-left" data-left="4"[\s\S]*4 more wrong PINs and checks of this pack pause/,
    );
    const digits = g.pin(1).replace(/\D/g, "");
    const typo = await post(packUrl(1), { pin: digits.slice(0, 19) + ((Number(digits[19]) + 1) % 10) });
    assert.equal(typo.status, 400);
    const text = await typo.text();
    assert.match(text, /data-testid="pin-problem"/);
    assert.equal(verdictOf(text), undefined, "nothing was checked");
  });

  it("aPrintedExpiryThatIsNotTheLedgers_isSaidBeforeThePin_andIsTheVerdict", async () => {
    const page = await (await fetch(`${packUrl(10)}?17=301231`)).text();
    assert.match(page, /data-testid="pack-mismatch"/);
    assert.match(page, /<input type="hidden" name="exp" value="301231"/);
    const checked = await post(packUrl(10), { pin: g.pin(10), exp: "301231" });
    assert.equal(checked.status, 200);
    assert.equal(verdictOf(await checked.text()), "code_mismatch");
  });

  it("fiveWrongPins_lockThePack_andThePageSaysChecksArePaused", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) last = await post(packUrl(3), { pin: g.pin(4) });
    assert.equal(last!.status, 429);
    assert.ok(Number(last!.headers.get("retry-after")) > 0);
    const text = await last!.text();
    assert.equal(verdictOf(text), "locked");
    assert.match(text, /<html lang="en">/);
  });

  it("formPosts_shareTheApisRateLimit_whateverAddressTheClientClaims", async () => {
    const own = await startService(w.databaseUrl, w.keysDir);
    try {
      const url = `${own.url}/pack/${g.gtin}/${g.lot}/NOSUCHSERIAL`;
      for (let i = 0; i < 20; i++) assert.equal((await post(url, { pin: g.pin(0) })).status, 200, `check ${i + 1}`);
      const refused = await post(url, { pin: g.pin(0) }, { "x-forwarded-for": "203.0.113.9" });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get("retry-after")) >= 1);
      assert.equal(verdictOf(await refused.text()), "rate_limited");
      const api = await fetch(`${own.url}/api/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ gtin: g.gtin, lot: g.lot, serial: g.serial(0), pin: g.pin(0) }),
      });
      assert.equal(api.status, 429, "the API's bucket is the same one");
    } finally {
      own.child.kill("SIGTERM");
    }
  });

  it("hostileInput_getsA4xxPageInTheReadersLanguage_neverMarkupOrA5xx", async () => {
    const cases: [string, RequestInit, number][] = [
      [`/pack/${encodeURIComponent("<script>alert(1)</script>")}/L/S`, {}, 400],
      [`/pack/${g.gtin}/%ZZ/${g.serial(0)}`, {}, 400],
      [`/pack/${g.gtin}/${g.lot}/${encodeURIComponent("x".repeat(300))}`, {}, 400],
      [
        `/pack/${g.gtin}/${g.lot}/${g.serial(5)}`,
        { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
        415,
      ],
      [
        `/pack/${g.gtin}/${g.lot}/${g.serial(5)}`,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `pin=${"1".repeat(40_000)}`,
        },
        413,
      ],
      [`/go?code=${encodeURIComponent("<img src=x onerror=alert(1)>")}`, {}, 400],
      [`/go?gtin=123&lot=A&serial=B`, {}, 400],
      [`/lang?to=${encodeURIComponent("<b>")}`, {}, 400],
      [`/01/${encodeURIComponent("<script>")}/10/A/21/B`, { headers: { accept: "text/html" } }, 400],
    ];
    for (const [path, init, status] of cases) {
      const res = await fetch(`${base}${path}`, {
        ...init,
        headers: { "accept-language": "zh-CN", ...(init.headers as Record<string, string>) },
        redirect: "manual",
      });
      const text = await res.text();
      assert.equal(res.status, status, path.slice(0, 60));
      assert.match(res.headers.get("content-type") ?? "", /^text\/html/, path.slice(0, 60));
      assert.match(text, /<html lang="zh-CN">/);
      assert.match(text, /role="alert"/, `${path.slice(0, 60)} says what is wrong`);
      assert.ok(!/<script>alert|<img src=x|<b>/.test(text), `${path.slice(0, 60)} echoes no markup`);
    }
  });

  it("codeEntry_andLanguageSwitch_workWithoutJavaScript_andOnlyComeBackToThisSite", async () => {
    const link = `${ORIGIN}/01/${g.gtin}/10/${g.lot}/21/${g.serial(6)}?17=301231`;
    const go = await fetch(`${base}/go?code=${encodeURIComponent(link)}`, { redirect: "manual" });
    assert.equal(go.status, 303);
    assert.equal(go.headers.get("location"), `/pack/${g.gtin}/${g.lot}/${g.serial(6)}?17=301231`);
    const parts = await fetch(`${base}/go?gtin=${g.gtin}&lot=${g.lot}&serial=${g.serial(6)}`, { redirect: "manual" });
    assert.equal(parts.headers.get("location"), `/pack/${g.gtin}/${g.lot}/${g.serial(6)}`);

    const back = `/pack/${g.gtin}/${g.lot}/${g.serial(6)}`;
    const lang = await fetch(`${base}/lang?to=zh-CN&back=${encodeURIComponent(back)}`, { redirect: "manual" });
    assert.equal(lang.status, 303);
    assert.equal(lang.headers.get("location"), back);
    assert.match(lang.headers.get("set-cookie") ?? "", /^lang=zh-CN; Path=\/; Max-Age=31536000; SameSite=Lax/);
    for (const evil of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const res = await fetch(`${base}/lang?to=en&back=${encodeURIComponent(evil)}`, { redirect: "manual" });
      assert.equal(res.headers.get("location"), "/", evil);
    }
    const zh = await fetch(`${base}${back}`, { headers: { cookie: "lang=zh-CN", "accept-language": "en" } });
    assert.match(await zh.text(), /<html lang="zh-CN">[\s\S]*<title>查验这盒药/);
  });

  it("resolver_redirectsAndLinksetsOnThePublicOrigin_whateverHostTheClientSends", async () => {
    const pack = `01/${g.gtin}/10/${g.lot}/21/${g.serial(7)}`;
    const hostile = "Host: trace-example.evil\r\nX-Forwarded-Host: trace-example.evil\r\nX-Forwarded-Proto: http";
    const redirect = await rawHttp(base, `GET /${pack}?17=271231 HTTP/1.1\r\n${hostile}`);
    assert.equal(redirect.status, 307);
    assert.equal(redirect.headers["location"], `${ORIGIN}/pack/${g.gtin}/${g.lot}/${g.serial(7)}?17=271231`);
    const typed = await rawHttp(base, `GET /${pack}?linkType=gs1:traceability HTTP/1.1\r\n${hostile}`);
    assert.equal(typed.headers["location"], `${ORIGIN}/api/packs/${g.gtin}/${g.lot}/${g.serial(7)}/provenance`);
    const linkset = await rawHttp(base, `GET /${pack}?linkType=linkset HTTP/1.1\r\n${hostile}`);
    assert.match(linkset.headers["content-type"] ?? "", /^application\/linkset\+json/);
    const body = JSON.parse(linkset.body) as { linkset: Record<string, unknown>[] };
    const ours = (linkset.body.match(/https?:\/\/[^"]+/g) ?? []).filter((h) => !h.startsWith("https://gs1.org/voc/"));
    assert.ok(ours.length >= 4, linkset.body);
    for (const href of ours) assert.ok(href.startsWith(`${ORIGIN}/`), href);
    assert.equal(body.linkset[0]!.anchor, `${ORIGIN}/${pack}`);
    const other = await fetch(`${base}/${pack}?linkType=gs1:nothing`, { headers: { accept: "application/json" } });
    assert.equal(other.status, 404);
    assert.equal(((await other.json()) as { error: { code: string } }).error.code, "LinkTypeNotFound");
  });

  it("reportForm_isAPlainPost_keepingWhatWasTypedWhenRefused", async () => {
    const url = `${packUrl(8)}/report`;
    const missing = await post(url, { text: "The seal was <b>broken</b>" });
    assert.equal(missing.status, 400);
    const refused = await missing.text();
    assert.match(refused, /data-testid="report-problem"/);
    assert.match(refused, /The seal was &lt;b&gt;broken&lt;\/b&gt;<\/textarea>/, "what was typed is kept, as text");
    const sent = await post(url, { category: "damaged_seal", text: "The seal was broken", contact: "" });
    assert.equal(sent.status, 200);
    assert.equal(sent.headers.get("cache-control"), "private, no-store");
    const id = /data-report-id="([^"]+)"/.exec(await sent.text())?.[1];
    assert.ok(id);
    assert.equal((await w.db.consumerReport.findUniqueOrThrow({ where: { id: BigInt(id) } })).category, "damaged_seal");
  });

  it("aRecallShowsOnTheNextPageView_afterItReachesTheService", async () => {
    const r = await w.batch(2);
    await w.index();
    const url = `${base}/pack/${r.gtin}/${r.lot}/${r.serial(0)}`;
    for (let i = 0; i < 100 && !/data-status="active"/.test(await (await fetch(url)).text()); i++) await sleep(100);
    await w.recall(r, "Contaminated <lot>");
    await w.index();
    let page = "";
    for (let i = 0; i < 100; i++) {
      page = await (await fetch(url)).text();
      if (/data-status="recalled"/.test(page)) break;
      await sleep(100);
    }
    assert.match(page, /data-status="recalled"/);
    assert.match(page, /Contaminated &lt;lot&gt;/);
  });

  it("packPageScripts_areHashedImmutableAndFarUnderTheBudget_andPagesAreGzipped", async () => {
    const page = await fetch(packUrl(9), { headers: { "accept-encoding": "gzip" } });
    const raw = Buffer.from(await page.arrayBuffer());
    // fetch decodes gzip itself: the header says it was sent compressed.
    assert.equal(page.headers.get("content-encoding"), "gzip");
    const html = raw.toString("utf8");
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(scripts.length, 1);
    let compressed = 0;
    for (const src of scripts) {
      assert.match(src, /^\/c\/pack-[A-Z0-9]+\.js$/);
      const answer = await rawHttp(base, `GET ${src} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip`);
      assert.equal(answer.status, 200);
      assert.equal(answer.headers["cache-control"], "public, max-age=31536000, immutable");
      assert.equal(answer.headers["content-encoding"], "gzip");
      compressed += Number(answer.headers["content-length"]);
    }
    assert.ok(compressed < PACK_PAGE_JS_BUDGET, `the pack page's JavaScript is ${compressed} bytes compressed`);
    assert.ok(compressed > 0);
    const tiny = await rawHttp(base, `GET /lang?to=en HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip`);
    assert.equal(tiny.headers["content-encoding"], undefined, "a tiny answer is not compressed");
  });
});
