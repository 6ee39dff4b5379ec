/**
 * The GS1 Digital Link of a pack on our host (what the QR holds): `/01/{gtin}/10/{lot}/21/{serial}` and the
 * other orders parseDigitalLink accepts. It redirects (307) to the default link, the pack page, passing the
 * query on (`17=` is the expiry the code carried); `?linkType=linkset` (or `all`, or Accept:
 * application/linkset+json) answers the RFC 9264 linkset (with the product's patient leaflets as gs1:epil, one
 * per language with its hreflang); an unknown link type is a 404; bad syntax a 400.
 * Every link is on the configured public origin, never on the Host the client sent (a CDN would cache it).
 */
import { parseDigitalLink } from "@tracemed/codes";
import { packPath } from "@tracemed/consumer/pages/paths";
import { DomainError } from "@tracemed/errors";

export type ResolverAnswer =
  { kind: "redirect"; location: string } | { kind: "linkset"; body: { linkset: Record<string, unknown>[] } };

export const isDigitalLinkPath = (path: string) => /^\/01\//.test(path);

/** The patient leaflets of the pack a link names (PackInfo.product.leaflets: hrefs on our origin's path). */
export type LeafletsOf = (key: {
  gtin: string;
  lot: string;
  serial: string;
}) => Promise<readonly { locale: string; href: string }[]>;

const LEAFLET_TITLE: Record<string, string> = { en: "Patient information leaflet", "zh-CN": "患者说明书" };

/**
 * `leafletsOf` is asked only when a link type or the linkset is asked for (never on the QR's plain redirect);
 * `locale` picks the leaflet `?linkType=gs1:epil` redirects to, when there is one in that language.
 */
export async function resolveDigitalLink(
  origin: string,
  url: string,
  accept: string,
  leafletsOf?: LeafletsOf,
  locale?: string,
): Promise<ResolverAnswer> {
  const full = new URL(url, origin);
  let parsed: ReturnType<typeof parseDigitalLink>;
  try {
    parsed = parseDigitalLink(full.href);
  } catch (e) {
    throw new DomainError("InvalidDigitalLink", `This is not a valid GS1 Digital Link: ${(e as Error).message}`);
  }
  if (!parsed.gtin || !parsed.lot || !parsed.serial)
    throw new DomainError("InvalidDigitalLink", "A pack link needs a GTIN, a lot and a serial.");
  const seg = encodeURIComponent;
  const key = `${parsed.gtin}/${seg(parsed.lot)}/${seg(parsed.serial)}`;
  const page = `${origin}${packPath({ gtin: parsed.gtin, lot: parsed.lot, serial: parsed.serial })}`;
  const links: Record<string, { href: string; title: string; hreflang?: string[] }[]> = {
    "https://gs1.org/voc/defaultLink": [{ href: page, title: "Verify this pack" }],
    "https://gs1.org/voc/verificationService": [
      { href: `${origin}/api/verify`, title: "Consumer verification (POST gtin, lot, serial, pin)" },
    ],
    "https://gs1.org/voc/traceability": [{ href: `${origin}/api/packs/${key}/provenance`, title: "Pack journey" }],
  };
  const linkType = full.searchParams.get("linkType");
  const wantsLinkset = linkType === "linkset" || linkType === "all" || accept.includes("application/linkset+json");
  if ((wantsLinkset || linkType) && leafletsOf) {
    const leaflets = [...(await leafletsOf({ gtin: parsed.gtin, lot: parsed.lot, serial: parsed.serial }))];
    // The reader's language first: a resolver redirects gs1:epil to the first.
    leaflets.sort((a, b) => Number(b.locale === locale) - Number(a.locale === locale));
    if (leaflets.length > 0)
      links["https://gs1.org/voc/epil"] = leaflets.map((l) => ({
        href: `${origin}${l.href}`,
        title: LEAFLET_TITLE[l.locale] ?? "Patient information leaflet",
        hreflang: [l.locale],
      }));
  }
  if (wantsLinkset) {
    const anchor = `${origin}/01/${parsed.gtin}/10/${seg(parsed.lot)}/21/${seg(parsed.serial)}`;
    return { kind: "linkset", body: { linkset: [{ anchor, ...links }] } };
  }
  if (linkType && linkType !== "gs1:defaultLink") {
    const target = links[`https://gs1.org/voc/${linkType.replace(/^gs1:/, "")}`]?.[0];
    if (!target) throw new DomainError("LinkTypeNotFound", `This pack has no ${linkType} link.`);
    return { kind: "redirect", location: target.href };
  }
  const query = new URLSearchParams(full.search);
  query.delete("linkType");
  const qs = query.toString();
  return { kind: "redirect", location: qs ? `${page}?${qs}` : page };
}
