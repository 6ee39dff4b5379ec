/**
 * The environment variables more than one process reads, each written once: the web app, the
 * verification service and the indexer compose their schemas from these pieces (each app still
 * reads and validates its whole environment in one place), so a variable means the same thing and
 * follows the same rule everywhere.
 */
import path from "node:path";
import { z } from "zod";
import { DEFAULT_PUBLIC_ORIGIN, parsePublicOrigin } from "./publicOrigin";

const address = (name: string) => z.string().regex(/^0x[0-9a-fA-F]{40}$/, `${name} must be a 20-byte hex address`);

/** The database every process reads or writes. */
export const databaseEnv = {
  DATABASE_URL: z.string().min(1),
};

/** The chain and the ledger on it. CHAIN_RPC_URL is optional here: each process says what unset means. */
export const chainEnv = {
  CHAIN_RPC_URL: z.url().optional(),
  CHAIN_ID: z.coerce.number().int().positive().default(31337),
  LEDGER_ADDRESS: address("LEDGER_ADDRESS").optional(),
  LEDGER_DEPLOYED_BLOCK: z.coerce.number().int().nonnegative().optional(),
  /** The regulator council (the ledger's AccessManager); unset: the one recorded beside the ledger. */
  COUNCIL_ADDRESS: address("COUNCIL_ADDRESS").optional(),
  /** The council's quorum (CouncilQuorum); unset: the one recorded beside the ledger. */
  QUORUM_ADDRESS: address("QUORUM_ADDRESS").optional(),
  /** Cases and pallets (LogisticUnits); unset: the one recorded beside the ledger, or none on this network. */
  UNITS_ADDRESS: address("UNITS_ADDRESS").optional(),
};

/**
 * How long every regulator council action waits, public and cancellable, before it can be executed, for the
 * deployment and the demo seed (scripts/deploy.ts: 48 h by default; scripts/start.ts: the demo's 120 s). Tests and
 * the e2e stack set a few seconds. COUNCIL_QUORUM: how many regulators (the proposer included) approving an action
 * execute it at once, without the delay; at least 2, so that no regulator acts alone.
 */
export const councilEnv = (fallback: number) => ({
  COUNCIL_DELAY_SECONDS: z.coerce.number().int().nonnegative().max(4_294_967_295).default(fallback),
  COUNCIL_QUORUM: z.coerce.number().int().min(2, "COUNCIL_QUORUM must be at least 2").max(255).default(2),
});

/**
 * Where manufacturers' PIN keys are (one <account>.key file each), outside the database. One rule
 * for every process: a relative path is taken from the directory the process was started in (the
 * start command hands its services an absolute one).
 */
export const keysEnv = {
  PIN_KEYS_DIR: z
    .string()
    .min(1)
    .transform((dir) => path.resolve(/*turbopackIgnore: true*/ dir)),
};

/**
 * Machine clients and webhooks: SYSTEM_KEY_SECRET seals the system members' keys and the webhooks' signing
 * secrets at rest (the start command makes one in its data folder on its own chain; on any other network it must
 * be given). WEBHOOK_ALLOW_LOOPBACK lets webhooks go to http://127.0.0.1 (the embedded start and the tests only).
 */
export const machineEnv = {
  SYSTEM_KEY_SECRET: z.string().min(32, "SYSTEM_KEY_SECRET must be at least 32 characters").optional(),
  WEBHOOK_ALLOW_LOOPBACK: z.enum(["on", "off"]).default("off"),
};

/** Salt for hashing client addresses in scan records; random per process when unset. */
export const scanEnv = {
  SCAN_SALT: z.string().min(16).optional(),
};

/**
 * Where people reach this deployment (`https://trace.example.org`): sign-in messages must name it
 * and every absolute link is built on it; a request's Host and X-Forwarded-* never are.
 */
export const publicOriginEnv = {
  PUBLIC_ORIGIN: z
    .string()
    .default(DEFAULT_PUBLIC_ORIGIN)
    .transform((value, ctx) => {
      try {
        return parsePublicOrigin(value);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
};

/**
 * Reads `source` (default: process.env) with `schema`; a bad value stops the process with one line
 * per variable that is wrong, never a stack of zod internals.
 */
export function readEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env): z.output<S> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
  throw new Error(`The environment is not valid:\n${lines.join("\n")}`);
}
