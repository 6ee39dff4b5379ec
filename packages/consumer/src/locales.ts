import { displayText } from "@tracemed/codes/browser";

/** The languages the app speaks. The first is the fallback. */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** The cookie that remembers a reader's explicit choice (set by the language switch). */
export const LOCALE_COOKIE = "lang";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The reader's language: an explicit choice (cookie) wins, then the browser's Accept-Language in
 * its order of preference (any zh-* reads Chinese, any en-* English), then English.
 */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, order };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of wanted) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return DEFAULT_LOCALE;
}

/**
 * Fills `{name}` placeholders: fmt("Shipped {n} packs", { n: 5 }). `{n|# pack|# packs}` picks the
 * singular when n is 1 (# is the number), for languages that inflect; Chinese simply writes `{n} 盒`.
 * Unknown names stay visible. Values are often typed by people (names, reasons): their invisible and
 * reordering characters are shown as `[U+XXXX]` (displayText), so a sentence reads as written.
 */
export function fmt(template: string, vars: Record<string, string | number | bigint> = {}): string {
  return template.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!(name in vars)) return whole;
    const value = displayText(String(vars[name]));
    if (one === undefined) return value;
    return (value === "1" ? one : other!).replaceAll("#", value);
  });
}
