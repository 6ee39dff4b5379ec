import { RateLimiter } from "@tracemed/verification/rateLimit";

/** n requests at once, then n a minute (a token bucket per key, the project's one limiter). */
const perMinute = (n: number) => new RateLimiter(n, n / 60);

/**
 * Machine clients' pace: tokens 10 a minute per client (and 60 per address, which may front several clients),
 * capture 60 a minute, queries 600, subscriptions 60. Staff sessions' queries count under their member.
 */
export const MACHINE_LIMITS = {
  token: perMinute(10),
  tokenAddress: perMinute(60),
  capture: perMinute(60),
  query: perMinute(600),
  subscribe: perMinute(60),
};
