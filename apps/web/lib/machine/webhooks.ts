import "server-only";
/**
 * Webhook subscriptions as organisations manage them (on /integrations, or a machine client on
 * /epcis/subscriptions): the address is checked against SSRF before it is kept, the signing secret is shown once
 * and kept sealed (the dispatcher in apps/indexer opens it to sign each delivery).
 */
import { randomBytes } from "node:crypto";
import type { Db, WebhookTopic } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { newId, urlRefusal } from "@tracemed/webhooks";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { systemSealer } from "./keys";

export interface NewSubscription {
  organisation: string;
  url: string;
  topics: WebhookTopic[];
  /** the admin member or the machine client */
  createdBy: string;
}

/** Keeps a webhook; returns it with its signing secret, once. WebhookUrlRefused for an address we may not call. */
export async function createSubscription(db: Db, input: NewSubscription, locale: Locale) {
  const why = urlRefusal(input.url, { allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK === "on" });
  if (why) {
    const m = messagesFor(locale).machine;
    throw new DomainError("WebhookUrlRefused", `${m.refused.WebhookUrlRefused} ${m.urlRefused[why]}`, {
      field: "url",
    });
  }
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const row = await db.webhookSubscription.create({
    data: {
      id: newId("whs"),
      organisation: input.organisation.toLowerCase(),
      url: input.url,
      topics: input.topics,
      sealedSecret: systemSealer().seal(secret),
      createdBy: input.createdBy.toLowerCase(),
    },
  });
  return { ...subscriptionView(row), secret };
}

/** Deletes a webhook of `organisation` (its log stays until the subscription row goes); false: no such webhook. */
export async function deleteSubscription(db: Db, organisation: string, id: string): Promise<boolean> {
  const { count } = await db.webhookSubscription.updateMany({
    where: { id, organisation: organisation.toLowerCase(), deletedAt: null },
    data: { deletedAt: new Date() },
  });
  return count === 1;
}

/** The organisation's webhooks (never their secrets), newest first. */
export async function listSubscriptions(db: Db, organisation: string) {
  const rows = await db.webhookSubscription.findMany({
    where: { organisation: organisation.toLowerCase(), deletedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(subscriptionView);
}

function subscriptionView(row: { id: string; url: string; topics: WebhookTopic[]; createdAt: Date }) {
  return { id: row.id, url: row.url, topics: row.topics, createdAt: row.createdAt.toISOString() };
}
