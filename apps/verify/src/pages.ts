/**
 * The consumer's pages on the public port (@tracemed/consumer renders them): the front door, the scanner, the
 * code entry without JavaScript (/go), a pack's page and its PIN form post (the verdict page), the report form,
 * the language switch, the Digital Link resolver, and the pages' scripts. Refusals are pages with a sentence in
 * the reader's language and a 4xx status (JSON for a client that asked for JSON, such as a linkset reader).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Assets } from "@tracemed/consumer/assets";
import { targetOfCode, targetOfParts } from "@tracemed/consumer/codeEntry";
import { fmt, isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "@tracemed/consumer/locales";
import { consumerMessages } from "@tracemed/consumer/messages";
import { homePage } from "@tracemed/consumer/pages/home";
import { packPage, type PackPageView } from "@tracemed/consumer/pages/pack";
import { problemPage } from "@tracemed/consumer/pages/problem";
import type { ReportState } from "@tracemed/consumer/pages/report";
import { scanPage } from "@tracemed/consumer/pages/scan";
import { verdictOfAnswer, verdictOfRefusal } from "@tracemed/consumer/pages/verdict";
import { DomainError, isDomainError } from "@tracemed/errors";
import type { PackPageSource } from "@tracemed/verification/packPage";
import type { RateLimiter } from "@tracemed/verification/rateLimit";
import type { VerifyInput, VerifyResult } from "@tracemed/verification/verifyPack";
import { readBody } from "./body";
import { errorAnswer } from "./errors";
import { redirect, sendBody, sendPage } from "./respond";
import { isDigitalLinkPath, resolveDigitalLink } from "./resolver";

export interface PageDeps {
  source: PackPageSource;
  verify: (input: VerifyInput) => Promise<VerifyResult>;
  storeReport: (input: {
    gtin: string;
    lot: string;
    serial: string;
    category: string;
    text: string;
    contact: string | null;
    region: string | null;
    clientHash: string | null;
  }) => Promise<{ id: string }>;
  /** the /api/verify limiter: a form post takes from the same bucket */
  checks: RateLimiter;
  /** a burst guard in front of the database's per-client count of reports */
  reports: RateLimiter;
  addressOf: (req: IncomingMessage) => string;
  clientHash: (address: string) => string;
  /** the coarse region (country) of a client address */
  region: (address: string) => string | null;
  /** the configured public origin: the base of the resolver's links */
  origin: string;
  assets: Assets;
}

const PACK_PAGE = /^\/pack\/([^/?]+)\/([^/?]+)\/([^/?]+)(\/report)?$/;
const YYMMDD = /^[0-9]{6}$/;

/** The reader's language: the `lang` cookie, else Accept-Language. */
export function localeOf(req: IncomingMessage): Locale {
  const cookie = String(req.headers.cookie ?? "")
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([k]) => k === LOCALE_COOKIE)?.[1];
  return negotiateLocale(cookie, req.headers["accept-language"]);
}

/** A local path to come back to: one leading slash, no backslash or control character (never another site). */
const localPath = (back: string | null) =>
  back && /^\/(?![/\\])[^\\\s]*$/.test(back) && back.length <= 2048 ? back : "/";

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? ""))
    throw new DomainError("UnsupportedMediaType", "Send the form as application/x-www-form-urlencoded.");
  return new URLSearchParams(await readBody(req));
}

/** A refusal's sentence from the problems' catalogue, or a general one by its status. */
function problemSentence(locale: Locale, error: unknown, status: number): string {
  const p = consumerMessages(locale).problems;
  const code = error instanceof DomainError ? error.code : "";
  const own = (p as Record<string, string>)[code];
  if (own && (code === "InvalidGtin" || code === "InvalidLot" || code === "InvalidSerial"))
    return fmt(p.invalidCode, { reason: own });
  if (own) return own;
  return status === 404 ? p.notFound : status >= 500 ? p.unavailable : p.InvalidRequest;
}

/**
 * Answers a consumer page's path; false when the path is none of them (the caller forwards it to the web app).
 */
export function consumerPages(deps: PageDeps) {
  const pageScripts = { pack: [deps.assets.urls.pack], scan: [deps.assets.urls.scan] };

  async function packRoute(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    match: RegExpExecArray,
    locale: Locale,
  ) {
    let key: { gtin: string; lot: string; serial: string };
    try {
      const [gtin, lot, serial] = match.slice(1, 4).map((p) => decodeURIComponent(p!));
      key = { gtin: gtin!, lot: lot!, serial: serial! };
    } catch {
      throw new DomainError("InvalidPath", "The pack path is not validly percent-encoded.");
    }
    const isReport = match[4] !== undefined;
    const post = req.method === "POST";
    if (!post && req.method !== "GET" && req.method !== "HEAD")
      throw new DomainError("MethodNotAllowed", "A pack page answers GET and POST.", { allow: "GET, HEAD, POST" });
    if (isReport && !post) return redirect(res, 303, `/pack/${match[1]}/${match[2]}/${match[3]}`);
    const form = post ? await readForm(req) : null;
    const printed = form ? form.get("exp") : url.searchParams.get("17");
    const expiry = printed && YYMMDD.test(printed) ? printed : null;
    const page = await deps.source(key, { expiry });
    const view: PackPageView = { info: page.info, journey: page.journey, printedExpiry: expiry };
    let status = page.info.known ? 200 : 404;
    const headers: Record<string, string> = {};
    if (form && isReport) status = await report(req, form, page.info, view);
    else if (form) {
      const address = deps.addressOf(req);
      const wait = deps.checks.take(address);
      try {
        if (wait > 0)
          throw new DomainError("TooManyChecks", `Too many checks from this device. Try again in ${wait} seconds.`, {
            retryAfterSeconds: wait,
          });
        const input = {
          ...key,
          pin: form.get("pin") ?? "",
          expiry,
          region: deps.region(address),
          clientHash: deps.clientHash(address),
        };
        view.verdict = verdictOfAnswer(await deps.verify(input), key);
        status = 200;
      } catch (error) {
        if (isDomainError(error, "PinTypo")) {
          view.pinProblem = "PinTypo";
          status = 400;
        } else if (isDomainError(error, "PackLocked", "TooManyChecks")) {
          const answer = errorAnswer(error);
          Object.assign(headers, answer.headers);
          view.verdict = verdictOfRefusal(error.code, Number(answer.headers["retry-after"]) || undefined);
          status = answer.status;
        } else throw error;
      }
    }
    const cache = form ? "private, no-store" : "no-store";
    return sendPage(req, res, status, packPage(view, locale, pageScripts.pack), cache, headers);
  }

  /** Stores a report from the form; the page says it was sent, or why not with what was typed kept. */
  async function report(
    req: IncomingMessage,
    form: URLSearchParams,
    key: { gtin: string; lot: string; serial: string },
    view: PackPageView,
  ): Promise<number> {
    const t = consumerMessages(localeOf(req)).report;
    const values = {
      category: form.get("category") ?? "",
      text: form.get("text") ?? "",
      contact: form.get("contact") ?? "",
    };
    const state: ReportState = { values };
    view.report = state;
    const address = deps.addressOf(req);
    try {
      if (deps.reports.take(address) > 0) throw new DomainError("TooManyReports", "Too many reports.");
      const stored = await deps.storeReport({
        gtin: key.gtin,
        lot: key.lot,
        serial: key.serial,
        ...values,
        contact: values.contact || null,
        region: deps.region(address),
        clientHash: deps.clientHash(address),
      });
      view.report = { sent: stored.id };
      return 200;
    } catch (error) {
      if (!isDomainError(error, "InvalidCategory", "TextRequired", "TextTooLong", "ContactTooLong", "TooManyReports"))
        throw error;
      const p = consumerMessages(localeOf(req)).problems;
      state.problem =
        error.code === "InvalidCategory"
          ? t.errors.category
          : error.code === "TextRequired"
            ? t.errors.text
            : error.code === "TooManyReports"
              ? t.errors.TooManyReports
              : error.code === "TextTooLong"
                ? p.TextTooLong
                : p.ContactTooLong;
      return errorAnswer(error).status;
    }
  }

  /** GET /go: the code entry without JavaScript, to the pack page or back to the form with the error. */
  function go(req: IncomingMessage, res: ServerResponse, url: URL, locale: Locale) {
    const q = url.searchParams;
    const fromScan = q.get("from") === "scan";
    if (q.has("code")) {
      const code = q.get("code") ?? "";
      const target = targetOfCode(code, locale);
      if ("path" in target) return redirect(res, 303, target.path);
      const page = fromScan
        ? scanPage({ code, codeError: target.error }, locale, pageScripts.scan)
        : homePage({ code, codeError: target.error }, locale);
      return sendPage(req, res, 400, page);
    }
    const parts = { gtin: q.get("gtin") ?? "", lot: q.get("lot") ?? "", serial: q.get("serial") ?? "" };
    const target = targetOfParts(parts, locale);
    if ("path" in target) return redirect(res, 303, target.path);
    return sendPage(req, res, 400, homePage({ parts, partsError: target.error }, locale));
  }

  async function route(req: IncomingMessage, res: ServerResponse, locale: Locale): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://front.invalid");
    const path = url.pathname;
    const read = req.method === "GET" || req.method === "HEAD";
    const asset = read ? deps.assets.get(path) : undefined;
    if (asset) {
      sendBody(req, res, 200, asset.body, { "content-type": asset.type, "cache-control": asset.cache }, asset.gzip);
      return true;
    }
    const pack = PACK_PAGE.exec(path);
    if (pack) {
      await packRoute(req, res, url, pack, locale);
      return true;
    }
    if (isDigitalLinkPath(path)) {
      if (!read) throw new DomainError("MethodNotAllowed", "A Digital Link answers GET.", { allow: "GET, HEAD" });
      const answer = resolveDigitalLink(deps.origin, req.url ?? "/", String(req.headers.accept ?? ""));
      if (answer.kind === "redirect") redirect(res, 307, answer.location);
      else
        sendBody(req, res, 200, Buffer.from(JSON.stringify(answer.body)), {
          "content-type": "application/linkset+json",
          "cache-control": "no-store",
        });
      return true;
    }
    if (!read) return false;
    if (path === "/") sendPage(req, res, 200, homePage({}, locale));
    else if (path === "/scan") sendPage(req, res, 200, scanPage({}, locale, pageScripts.scan));
    else if (path === "/go") go(req, res, url, locale);
    else if (path === "/lang") {
      const to = url.searchParams.get("to");
      if (!isLocale(to)) throw new DomainError("InvalidRequest", "Choose en or zh-CN.");
      redirect(res, 303, localPath(url.searchParams.get("back")), {
        "set-cookie": `${LOCALE_COOKIE}=${to}; Path=/; Max-Age=31536000; SameSite=Lax`,
      });
    } else return false;
    return true;
  }

  /** Answers the request if it is a consumer page's; refusals become pages (or JSON for JSON clients). */
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const locale = localeOf(req);
    try {
      return await route(req, res, locale);
    } catch (error) {
      const accept = String(req.headers.accept ?? "");
      if (/json/.test(accept) && !/text\/html/.test(accept)) throw error; // the caller writes the JSON contract
      const answer = errorAnswer(error);
      const sentence = problemSentence(locale, error, answer.status);
      sendPage(req, res, answer.status, problemPage(sentence, locale), "no-store", answer.headers);
      return true;
    }
  };
}
