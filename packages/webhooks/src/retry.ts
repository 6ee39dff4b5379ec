/**
 * When a failed delivery is tried again: 10 s, 30 s, 2 min, 10 min, 1 h, 6 h after each failure, then it is
 * "failed" (seven tries over about seven hours). A receiver that was down for a deploy gets it on a later try.
 */
export const RETRY_DELAYS_SECONDS = [10, 30, 120, 600, 3_600, 21_600] as const;

/** The time of the next try after the `attempts`-th failed one, or null when there is none left. */
export function nextAttemptAfter(attempts: number, failedAt: Date, delays: readonly number[] = RETRY_DELAYS_SECONDS) {
  const delay = delays[attempts - 1];
  return delay === undefined ? null : new Date(failedAt.getTime() + delay * 1000);
}
