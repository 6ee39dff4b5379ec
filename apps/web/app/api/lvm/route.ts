import { env } from "@/lib/env";
import { handler, json } from "@/lib/http";
import { connectivityCheck } from "@tracemed/verification/lvm";

export const dynamic = "force-dynamic";

/** GET /api/lvm: the GS1 LVM connectivity check, answering who responds here. */
export const GET = handler(async () => json(connectivityCheck(env.RESPONDER_GLN)));
