import { db } from "@/lib/db";
import { handler, json, readInput } from "@/lib/http";
import { productRequest } from "@/lib/inputs/products";
import { createProduct, listProducts } from "@tracemed/registration/products";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** GET /api/manufacturer/products: the signed-in manufacturer's products. */
export const GET = handler(async (request: Request) => {
  const org = await requireOrganisation(request, "MANUFACTURER");
  return json({ products: await listProducts(db(), org.account) });
});

/** POST /api/manufacturer/products {gtin, name, strength, dosageForm, packSize}: a new product. */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, "MANUFACTURER", "REGISTER");
  const product = await createProduct(db(), org.account, await readInput(request, productRequest));
  return json({ product }, { status: 201 });
});
