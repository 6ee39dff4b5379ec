/**
 * A sender's cancellation is a request: the recipient may contest it (by confirming receipt) or accept it
 * (by refusing) for CANCEL_NOTICE, the ledger's 48 hours; after that the sender completes it. Browser-safe.
 */
import { CANCEL_NOTICE_SECONDS } from "@tracemed/chain";

/** When the recipient's notice ends for a cancellation requested at `requestedAt` (ISO). */
export function cancelNoticeEnds(requestedAt: string): Date {
  return new Date(new Date(requestedAt).getTime() + CANCEL_NOTICE_SECONDS * 1000);
}

/**
 * Whether the sender may complete the cancellation at `now`: the ledger allows it once its block's time is
 * past the notice (`block.timestamp >= cancelRequestedAt + CANCEL_NOTICE`).
 */
export function mayCompleteCancellation(requestedAt: string | null, now: Date): boolean {
  return requestedAt !== null && now.getTime() >= cancelNoticeEnds(requestedAt).getTime();
}
