/**
 * Integrations inputs: a system client (built by /integrations), its revocation, and a webhook (built by
 * /integrations, or sent by a machine client to POST /epcis/subscriptions).
 */
import { PERMIT } from "@tracemed/chain";
import * as z from "zod/mini";
import { shortLabel } from "./passkey";
import { refusing } from "./refusal";

/** What a system client may be given: never ADMIN (it would add members) nor REGULATE (people regulate). */
export const SYSTEM_PERMITS = PERMIT.REGISTER | PERMIT.SHIP | PERMIT.DISPENSE | PERMIT.WRITE_OFF;

export const WEBHOOK_TOPICS = ["recall", "quarantine", "shipment"] as const;

/** `{ [key]: "<prefix>_<24 hex>" }` naming one of the organisation's rows. */
const oneId = <K extends string>(key: K, prefix: string, sentence: string) =>
  refusing(
    z.object({ [key]: z.string().check(z.regex(new RegExp(`^${prefix}_[0-9a-f]{24}$`))) }),
    "InvalidBody",
    sentence,
  ) as unknown as z.ZodMiniType<Record<K, string>>;

/** POST /api/integrations/clients */
export const systemClientRequest = refusing(
  z.object({
    label: shortLabel("Name the system client (1 to 80 characters)."),
    permissions: refusing(
      z.number().check(
        z.int(),
        z.minimum(1),
        z.refine((n) => (n & ~SYSTEM_PERMITS) === 0),
      ),
      "InvalidBody",
      "Choose permissions among register, ship, dispense and write off.",
    ),
  }),
  "InvalidBody",
  "Send { label, permissions }.",
);

/** POST /api/integrations/clients/revoke */
export const revokeClientRequest = oneId("clientId", "tmc", "Send { clientId } of one of your system clients.");

const receiverUrl = refusing(
  z.string().check(z.minLength(8), z.maxLength(2_000)),
  "InvalidBody",
  "Give the receiver's https address.",
);
const topicList = z.array(z.enum(WEBHOOK_TOPICS)).check(
  z.minLength(1),
  z.maxLength(3),
  z.refine((t) => new Set(t).size === t.length),
);

/** POST /api/integrations/webhooks and POST /epcis/subscriptions */
export const webhookRequest = refusing(
  z.object({
    url: receiverUrl,
    topics: refusing(topicList, "InvalidBody", "Choose topics among recall, quarantine and shipment, each once."),
  }),
  "InvalidBody",
  "Send { url, topics }.",
);

/** POST /api/integrations/webhooks/delete */
export const deleteWebhookRequest = oneId("id", "whs", "Send { id } of one of your webhooks.");
