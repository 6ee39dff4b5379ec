import { db } from "@/lib/db";
import { handler, parseInput } from "@/lib/http";
import { leafletParams } from "@/lib/inputs/leaflets";
import { readLeaflet } from "@tracemed/registration/leaflets";

export const dynamic = "force-dynamic";

/**
 * GET /leaflet/{gtin}/{locale}: a product's patient leaflet in English (en) or Chinese (zh-CN), for anyone.
 * A kept PDF is served inline (its SHA-256 the ETag, so a phone that has it gets a 304); a link is a 302
 * to the manufacturer's copy. None: 404 in the API's error contract.
 */
export const GET = handler(
  async (request: Request, { params }: { params: Promise<{ gtin: string; locale: string }> }) => {
    const { gtin, locale } = parseInput(leafletParams, await params);
    const leaflet = await readLeaflet(db(), gtin, locale);
    // Short: a manufacturer replacing a leaflet should reach readers within minutes.
    const cache = "public, max-age=300";
    if (leaflet.kind === "link")
      return new Response(null, { status: 302, headers: { location: leaflet.url, "cache-control": cache } });
    const etag = `"${leaflet.sha256}"`;
    const headers = {
      etag,
      "cache-control": cache,
      "last-modified": leaflet.updatedAt.toUTCString(),
      "x-content-type-options": "nosniff",
    };
    const asked = request.headers.get("if-none-match") ?? "";
    if (asked.split(",").some((t) => t.trim().replace(/^W\//, "") === etag))
      return new Response(null, { status: 304, headers });
    return new Response(Buffer.from(leaflet.file), {
      headers: {
        ...headers,
        "content-type": "application/pdf",
        "content-length": String(leaflet.file.byteLength),
        "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(leaflet.fileName)}`,
      },
    });
  },
);
