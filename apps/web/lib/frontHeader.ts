/**
 * The header by which the front on the public port (server/forward.ts) vouches for a request it forwards
 * to the web app, which refuses any request without it (lib/frontGate.ts). Its value is a per-start secret.
 */
export const FRONT_HEADER = "x-tracemed-front";
