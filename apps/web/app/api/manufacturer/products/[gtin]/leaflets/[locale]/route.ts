import { db } from "@/lib/db";
import { DomainError, handler, json, parseInput, queryOf, readInput } from "@/lib/http";
import { leafletLink, leafletParams } from "@/lib/inputs/leaflets";
import { removeLeaflet, setLeafletFile, setLeafletLink } from "@tracemed/registration/leaflets";
import { MAX_LEAFLET_BYTES } from "@tracemed/verification/leaflet";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ gtin: string; locale: string }> };

/** The body's bytes, refused past `max` (by Content-Length at once, else as they arrive). */
async function readBytes(request: Request, max: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new DomainError("LeafletTooLarge", "The leaflet file must be at most 10 MB; reduce its images or link it.");
  if (Number(request.headers.get("content-length") ?? 0) > max) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body)
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > max) throw tooLarge();
      chunks.push(chunk);
    }
  return Buffer.concat(chunks);
}

/**
 * PUT /api/manufacturer/products/{gtin}/leaflets/{locale}: the product's leaflet in that language, either
 * a PDF (`content-type: application/pdf`, at most 10 MB, `?name=` its file name) or a link (JSON `{url}`,
 * https). Replaces the one there was.
 */
export const PUT = handler(async (request: Request, { params }: Params) => {
  const org = await requireOrganisation(request, "MANUFACTURER", "REGISTER");
  const { gtin, locale } = parseInput(leafletParams, await params);
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/pdf")) {
    const file = await readBytes(request, MAX_LEAFLET_BYTES);
    const fileName = queryOf(request).name ?? "leaflet.pdf";
    return json({ leaflet: await setLeafletFile(db(), org.account, gtin, locale, { file, fileName }) });
  }
  if (type.startsWith("application/json")) {
    const { url } = await readInput(request, leafletLink);
    return json({ leaflet: await setLeafletLink(db(), org.account, gtin, locale, url) });
  }
  throw new DomainError(
    "UnsupportedMediaType",
    "Send the leaflet as application/pdf (the file) or application/json ({ url }).",
  );
});

/** DELETE /api/manufacturer/products/{gtin}/leaflets/{locale}: removes the product's leaflet in that language. */
export const DELETE = handler(async (request: Request, { params }: Params) => {
  const org = await requireOrganisation(request, "MANUFACTURER", "REGISTER");
  const { gtin, locale } = parseInput(leafletParams, await params);
  await removeLeaflet(db(), org.account, gtin, locale);
  return json({ removed: { gtin, locale } });
});
