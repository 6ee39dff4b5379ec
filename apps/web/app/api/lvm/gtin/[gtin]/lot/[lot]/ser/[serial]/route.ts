export const dynamic = "force-dynamic";

/**
 * GET /api/lvm/gtin/{gtin}/lot/{lot}/ser/{serial}?exp=YYMMDD&reqGLN=...&corrUUID=...
 * GS1 Lightweight Verification Messaging, the older path form some clients still send: the same
 * parameters and the same answer as the Digital Link form.
 */
export { GET } from "@/app/api/lvm/01/[gtin]/10/[lot]/21/[serial]/route";
