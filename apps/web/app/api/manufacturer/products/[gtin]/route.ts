import { db } from "@/lib/db";
import { handler, json, parseInput, readInput } from "@/lib/http";
import { productFields, productParams } from "@/lib/inputs/products";
import { updateProduct } from "@tracemed/registration/products";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** PUT /api/manufacturer/products/{gtin} {name, strength, dosageForm, packSize}: edits one's own product. */
export const PUT = handler(async (request: Request, { params }: { params: Promise<{ gtin: string }> }) => {
  const org = await requireOrganisation(request, "MANUFACTURER", "REGISTER");
  const { gtin } = parseInput(productParams, await params);
  const product = await updateProduct(db(), org.account, gtin, await readInput(request, productFields));
  return json({ product });
});
