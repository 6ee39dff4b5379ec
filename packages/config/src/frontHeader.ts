/**
 * The header by which the front on the public port (apps/verify/src/forward.ts) vouches for a request it forwards
 * to the web app, which refuses any request without it (apps/web/lib/frontGate.ts). Its value is a per-start secret.
 */
export const FRONT_HEADER = "x-tracemed-front";
