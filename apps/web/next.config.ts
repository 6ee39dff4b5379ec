import path from "node:path";
import type { NextConfig } from "next";

const root = path.join(import.meta.dirname, "../..");

const config: NextConfig = {
  transpilePackages: [
    "@tracemed/chain",
    "@tracemed/codes",
    "@tracemed/config",
    "@tracemed/epcis",
    "@tracemed/consumer",
    "@tracemed/errors",
    "@tracemed/provenance",
    "@tracemed/registration",
    "@tracemed/verification",
    "@tracemed/webhooks",
  ],
  outputFileTracingRoot: root,
  turbopack: { root },
  poweredByHeader: false,
  // Type-checking is the lint step's job (`npm run lint` runs tsc on every workspace); the start
  // command's build should not repeat it (it costs ~10 s of every cold start).
  typescript: { ignoreBuildErrors: true },
  // The proxy (proxy.ts) sees every request, so Next.js buffers each body for it and cuts it at this size
  // (10 MB by default, silently). A registration with a manufacturer's own serials is up to 24 MB
  // (MAX_REGISTRATION_BYTES in lib/inputs/registration.ts); routes still refuse bodies over their own limit.
  experimental: { proxyClientMaxBodySize: "25mb" },
};

export default config;
