/**
 * How a receiver knows a delivery is ours and fresh: `TraceMed-Signature: t=<unix seconds>,v1=<hex>` where the hex
 * is HMAC-SHA256(subscription secret, "<t>.<body>"), as Stripe signs its webhooks. The receiver recomputes it over
 * the raw body and refuses an old `t` (a replay).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "TraceMed-Signature";
export const DELIVERY_HEADER = "TraceMed-Delivery";

/** The HMAC of `body` at time `t` (unix seconds), hex. */
export function signatureOf(secret: string, t: number, body: string): string {
  return createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
}

/** The TraceMed-Signature header's value for `body` sent at `t`. */
export function signatureHeader(secret: string, body: string, t = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${signatureOf(secret, t, body)}`;
}

/**
 * A receiver's check (tests use it; receivers may copy it): whether `header` signs `body` with `secret` and was
 * made at most `toleranceSeconds` ago.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  { toleranceSeconds = 300, now = Date.now() } = {},
): boolean {
  const parts = new Map((header ?? "").split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
  return timingSafeEqual(Buffer.from(v1, "hex"), Buffer.from(signatureOf(secret, t, body), "hex"));
}
