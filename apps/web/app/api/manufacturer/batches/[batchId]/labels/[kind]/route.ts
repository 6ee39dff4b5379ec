import { DomainError } from "@tracemed/errors";
import path from "node:path";
import { Readable } from "node:stream";
import { handler, parseInput } from "@/lib/http";
import { printFileParams } from "@/lib/inputs/labels";
import { decryptedStream, PRINT_FILE_META } from "@tracemed/registration/printFiles";
import { batchPrintFiles } from "@tracemed/registration/registration";
import { manufacturerSecretIfAny } from "@tracemed/verification/keyStore";
import { registrationDeps } from "@/lib/manufacturer/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * GET /api/manufacturer/batches/{batchId}/labels/{sheets|rolls|csv}: the print file, decrypted for
 * the batch's own manufacturer only (401 when nobody signed in, 403 for anyone else).
 */
export const GET = handler(
  async (request: Request, { params }: { params: Promise<{ batchId: string; kind: string }> }) => {
    const org = await requireOrganisation(request, "MANUFACTURER");
    const { batchId, kind } = parseInput(printFileParams, await params);
    const deps = registrationDeps();
    const { dir, files } = await batchPrintFiles(deps, batchId, org.account);
    const meta = PRINT_FILE_META[kind];
    if (files[kind] === undefined)
      throw new DomainError(
        "NoPrintFile",
        "This batch has no such print file here (never generated here, or deleted after printing).",
      );
    const secret = await manufacturerSecretIfAny(deps.pinKeysDir, org.account);
    if (!secret) throw new DomainError("NoKey", "The manufacturer key that encrypted this file is missing.");
    const stream = decryptedStream(path.join(dir, meta.file), secret);
    const lot = (await deps.db.packSet.findUnique({ where: { batchId } }))?.lot ?? batchId.slice(2, 10);
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        "content-type": meta.contentType,
        "content-disposition": `attachment; filename="${lot.replace(/[^A-Za-z0-9._-]/g, "_")}-${meta.download}"`,
        "cache-control": "no-store",
      },
    });
  },
);
