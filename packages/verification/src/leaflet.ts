/**
 * A product's patient leaflets: one per language, a PDF kept by the product or an https link to the
 * manufacturer's own. The rules the manufacturer's form checks before sending and the domain enforces
 * (browser-safe: no database, no chain).
 */

/** The languages a leaflet is given in (the consumer pages' locales; the linkset's hreflang). */
export const LEAFLET_LOCALES = ["en", "zh-CN"] as const;
export type LeafletLocale = (typeof LEAFLET_LOCALES)[number];

export const isLeafletLocale = (value: unknown): value is LeafletLocale =>
  typeof value === "string" && (LEAFLET_LOCALES as readonly string[]).includes(value);

/** Where anyone reads a product's leaflet in one language (the file, or a redirect to the link). */
export const leafletHref = (gtin: string, locale: LeafletLocale) => `/leaflet/${gtin}/${locale}`;

/** The largest leaflet file kept: 10 MB. */
export const MAX_LEAFLET_BYTES = 10 * 1024 * 1024;
/** The longest leaflet link kept. */
export const MAX_LEAFLET_URL = 2000;

/** Why a file cannot be a leaflet (`head`: at least its first 5 bytes), or null when it can. */
export function leafletFileProblem(size: number, head: Uint8Array): "empty" | "too-large" | "not-pdf" | null {
  if (size === 0) return "empty";
  if (size > MAX_LEAFLET_BYTES) return "too-large";
  // Every PDF starts with "%PDF-" (ISO 32000-1 §7.5.2); a browser shows nothing else as a leaflet.
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d];
  return magic.every((b, i) => head[i] === b) ? null : "not-pdf";
}

/**
 * Why a link cannot be a leaflet's, or null: it must be an absolute https URL (a consumer's phone
 * follows it from our page), without user or password, of at most MAX_LEAFLET_URL characters.
 */
export function leafletLinkProblem(url: string): "not-https" | "too-long" | "credentials" | null {
  if (url.length > MAX_LEAFLET_URL) return "too-long";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not-https";
  }
  if (parsed.protocol !== "https:" || !parsed.hostname) return "not-https";
  if (parsed.username || parsed.password) return "credentials";
  return null;
}
