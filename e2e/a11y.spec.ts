/**
 * Accessibility of every page, as a keyboard and screen-reader user meets it: axe-core (WCAG 2.1 A and AA rules)
 * on every staff page and the consumer's pages at 1280 and 390 px, in English and Chinese, finds no serious or
 * critical violation; pressing Tab from the top reaches every visible control (button, link, field, list). Each staff
 * page's screenshot goes to e2e/artifacts/screenshots/staff-{page}-{width}-{locale}.png.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { seriousViolations, unreachedByTab } from "./lib/a11y";
import { expect, SCREENSHOTS, test } from "./lib/fixtures";
import { parseCsv } from "./lib/labels";
import { signIn } from "./lib/signIn";

/** The demo organisations' founding admins (scripts/lib/demo.ts): anvil account indexes. */
const AS = { regulator: 1, manufacturer: 2, distributor: 4, pharmacy: 6 } as const;
type Who = keyof typeof AS | null;

const WIDTHS = [1280, 390] as const;
const LOCALES = ["en", "zh-CN"] as const;

/** A page to check: its name in the screenshot's file, who reads it, and its address (found on the way if dynamic). */
interface Target {
  name: string;
  who: Who;
  path: string | ((page: Page) => Promise<string>);
  staff: boolean;
}

/**
 * The first link on `from` whose href starts with `prefix`: a batch's or a label's page the demo seeded, else
 * `fallback` (the demo's shipments have no SSCC until the journey ships one: the label page then says so).
 */
const firstLink = (from: string, prefix: string, fallback?: string) => async (page: Page) => {
  await page.goto(from);
  const link = page.locator(`a[href^="${prefix}"]`).first();
  const href = (await link.count()) > 0 ? await link.getAttribute("href") : fallback;
  if (!href) throw new Error(`no link to ${prefix}… on ${from}`);
  return href;
};

async function packPath(): Promise<string> {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run through the Playwright config");
  const rows = parseCsv(await readFile(path.join(dataDir, "demo", "labels-AMX2611A.csv"), "utf8"));
  const link = new URL(rows.at(-1)!.digital_link!);
  return link.pathname + link.search;
}

const TARGETS: Target[] = [
  { name: "sign-in", who: null, path: "/staff", staff: true },
  { name: "manufacturer", who: "manufacturer", path: "/manufacturer", staff: true },
  { name: "manufacturer-products", who: "manufacturer", path: "/manufacturer/products", staff: true },
  { name: "manufacturer-new-batch", who: "manufacturer", path: "/manufacturer/batches/new", staff: true },
  {
    name: "manufacturer-batch",
    who: "manufacturer",
    path: firstLink("/manufacturer", "/manufacturer/batches/0x"),
    staff: true,
  },
  { name: "distributor", who: "distributor", path: "/distributor", staff: true },
  { name: "receive", who: "distributor", path: "/receive", staff: true },
  { name: "ship", who: "distributor", path: "/ship", staff: true },
  { name: "pack", who: "distributor", path: "/pack", staff: true },
  {
    name: "ship-label",
    who: "distributor",
    path: firstLink("/ship", "/ship/label/", "/ship/label/069012340000012347"),
    staff: true,
  },
  { name: "pharmacy", who: "pharmacy", path: "/pharmacy", staff: true },
  { name: "dispense", who: "pharmacy", path: "/pharmacy/dispense", staff: true },
  { name: "batches", who: "regulator", path: "/batches", staff: true },
  { name: "batch", who: "regulator", path: firstLink("/batches", "/batches/0x"), staff: true },
  { name: "regulator", who: "regulator", path: "/regulator", staff: true },
  { name: "council", who: "regulator", path: "/regulator/council", staff: true },
  { name: "members", who: "manufacturer", path: "/members", staff: true },
  { name: "integrations", who: "distributor", path: "/integrations", staff: true },
  { name: "consumer-home", who: null, path: "/", staff: false },
  { name: "consumer-scan", who: null, path: "/scan", staff: false },
  { name: "consumer-pack", who: null, path: () => packPath(), staff: false },
];

async function signedIn(context: BrowserContext, baseURL: string, who: Who) {
  await context.clearCookies();
  if (who !== null) await signIn(context.request, baseURL, AS[who]);
}

for (const width of WIDTHS) {
  test(`every page has no serious axe violation and every control is reached by Tab at ${width} px`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(15 * 60_000);
    const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const addresses = new Map<string, string>();
    for (const target of TARGETS) {
      await signedIn(context, baseURL!, target.who);
      const address =
        addresses.get(target.name) ?? (typeof target.path === "string" ? target.path : await target.path(page));
      addresses.set(target.name, address);
      for (const locale of LOCALES) {
        await context.addCookies([{ name: "lang", value: locale, url: baseURL! }]);
        await page.goto(address);
        await page.waitForLoadState("networkidle");
        for (const v of await seriousViolations(page)) problems.push(`${target.name} ${width} ${locale}: ${v}`);
        if (target.staff)
          await page.screenshot({
            path: path.join(SCREENSHOTS, `staff-${target.name}-${width}-${locale}.png`),
            fullPage: true,
          });
        if (locale === "en")
          for (const missed of await unreachedByTab(page))
            problems.push(`${target.name} ${width}: Tab never reaches ${missed}`);
      }
    }
    await context.close();
    expect(problems, problems.join("\n")).toEqual([]);
  });
}
