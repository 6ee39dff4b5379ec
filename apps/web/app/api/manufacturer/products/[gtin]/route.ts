import { db } from "@/lib/db";
import { handler, json, readJson } from "@/lib/http";
import { updateProduct } from "@tracemed/registration/products";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** PUT /api/manufacturer/products/{gtin} {name, strength, dosageForm, packSize}: edits one's own product. */
export const PUT = handler(async (request: Request, { params }: { params: Promise<{ gtin: string }> }) => {
  const org = await requireOrganisation(request, "MANUFACTURER");
  const product = await updateProduct(db(), org.account, (await params).gtin, await readJson(request));
  return json({ product });
});
