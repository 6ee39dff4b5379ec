import { parseDigitalLink } from "@tracemed/codes";
import { env } from "@/lib/env";
import { DomainError } from "@tracemed/errors";
import { handler, json } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * The GS1 Digital Link of a pack on our host (what the QR holds). It redirects to the default link,
 * our pack page, passing the query on; `?linkType=linkset` (or `all`, or Accept: application/linkset+json)
 * answers the RFC 9264 linkset; an unknown link type is a 404; bad syntax is a 400.
 */
export const GET = handler(async (request: Request) => {
  const url = new URL(request.url);
  let parsed: ReturnType<typeof parseDigitalLink>;
  try {
    parsed = parseDigitalLink(request.url);
  } catch (e) {
    throw new DomainError("InvalidDigitalLink", `This is not a valid GS1 Digital Link: ${(e as Error).message}`);
  }
  if (!parsed.gtin || !parsed.lot || !parsed.serial) {
    throw new DomainError("InvalidDigitalLink", "A pack link needs a GTIN, a lot and a serial.");
  }
  // Links on the configured origin, never on the Host the client sent (a CDN would cache them).
  const origin = env.PUBLIC_ORIGIN.origin;
  const seg = (s: string) => encodeURIComponent(s);
  const page = `${origin}/pack/${parsed.gtin}/${seg(parsed.lot)}/${seg(parsed.serial)}`;
  const anchor = `${origin}/01/${parsed.gtin}/10/${seg(parsed.lot)}/21/${seg(parsed.serial)}`;
  const links: Record<string, { href: string; title: string }[]> = {
    "https://gs1.org/voc/defaultLink": [{ href: page, title: "Verify this pack" }],
    "https://gs1.org/voc/verificationService": [
      { href: `${origin}/api/verify`, title: "Consumer verification (POST gtin, lot, serial, pin)" },
    ],
    "https://gs1.org/voc/traceability": [
      {
        href: `${origin}/api/packs/${parsed.gtin}/${seg(parsed.lot)}/${seg(parsed.serial)}/provenance`,
        title: "Pack journey",
      },
    ],
  };
  const linkType = url.searchParams.get("linkType");
  const wantsLinkset =
    linkType === "linkset" ||
    linkType === "all" ||
    (request.headers.get("accept") ?? "").includes("application/linkset+json");
  if (wantsLinkset) {
    return json({ linkset: [{ anchor, ...links }] }, { headers: { "content-type": "application/linkset+json" } });
  }
  if (linkType && linkType !== "gs1:defaultLink") {
    const key = `https://gs1.org/voc/${linkType.replace(/^gs1:/, "")}`;
    const target = links[key]?.[0];
    if (!target) throw new DomainError("LinkTypeNotFound", `This pack has no ${linkType} link.`);
    return Response.redirect(target.href, 307);
  }
  const query = new URLSearchParams(url.search);
  query.delete("linkType");
  const qs = query.toString();
  return Response.redirect(qs ? `${page}?${qs}` : page, 307);
});
