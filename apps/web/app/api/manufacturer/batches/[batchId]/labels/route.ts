import { db } from "@/lib/db";
import { handler, json, parseInput } from "@/lib/http";
import { printFilesParams } from "@/lib/inputs/labels";
import { deletePrintFiles } from "@tracemed/registration/printFiles";
import { batchPrintFiles } from "@tracemed/registration/registration";
import { registrationDeps } from "@/lib/manufacturer/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ batchId: string }> };

/** GET: which print files the batch still has (own manufacturer only). */
export const GET = handler(async (request: Request, { params }: Ctx) => {
  const org = await requireOrganisation(request, "MANUFACTURER");
  const { batchId } = parseInput(printFilesParams, await params);
  const { files } = await batchPrintFiles(registrationDeps(), batchId, org.account);
  return json({ files });
});

/** DELETE: deletes the batch's print files after printing (they hold the PINs). */
export const DELETE = handler(async (request: Request, { params }: Ctx) => {
  const org = await requireOrganisation(request, "MANUFACTURER", "REGISTER");
  const { batchId } = parseInput(printFilesParams, await params);
  const { dir } = await batchPrintFiles(registrationDeps(), batchId, org.account);
  await deletePrintFiles(dir);
  await db().batchRegistration.updateMany({ where: { batchId }, data: { printFilesDeletedAt: new Date() } });
  return json({ deleted: true });
});
