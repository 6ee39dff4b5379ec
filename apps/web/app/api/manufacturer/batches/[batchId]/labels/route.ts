import { db } from "@/lib/db";
import { handler, json } from "@/lib/http";
import { deletePrintFiles } from "@tracemed/registration/printFiles";
import { batchPrintFiles } from "@tracemed/registration/registration";
import { registrationDeps } from "@/lib/manufacturer/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ batchId: string }> };

/** GET: which print files the batch still has (own manufacturer only). */
export const GET = handler(async (request: Request, { params }: Ctx) => {
  const org = await requireOrganisation(request, "MANUFACTURER");
  const { files } = await batchPrintFiles(registrationDeps(), (await params).batchId.toLowerCase(), org.account);
  return json({ files });
});

/** DELETE: deletes the batch's print files after printing (they hold the PINs). */
export const DELETE = handler(async (request: Request, { params }: Ctx) => {
  const org = await requireOrganisation(request, "MANUFACTURER");
  const batchId = (await params).batchId.toLowerCase();
  const { dir } = await batchPrintFiles(registrationDeps(), batchId, org.account);
  await deletePrintFiles(dir);
  await db().batchRegistration.updateMany({ where: { batchId }, data: { printFilesDeletedAt: new Date() } });
  return json({ deleted: true });
});
