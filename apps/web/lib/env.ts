import "server-only";
import { z } from "zod";
import { DEFAULT_PUBLIC_ORIGIN, parsePublicOrigin } from "@tracemed/config/publicOrigin";

/** The web app's whole environment, read and validated in this one place. */
const schema = z.object({
  DATABASE_URL: z.string().min(1).default("postgresql://postgres:postgres@127.0.0.1:5433/postgres?sslmode=disable"),
  CHAIN_RPC_URL: z.url().default("http://127.0.0.1:8545"),
  CHAIN_ID: z.coerce.number().int().positive().default(31337),
  LEDGER_ADDRESS: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, "LEDGER_ADDRESS must be a 20-byte hex address")
    .optional(),
  LEDGER_DEPLOYED_BLOCK: z.coerce.number().int().nonnegative().optional(),
  /** Where manufacturers' PIN keys are (one <account>.key file each), outside the database. */
  PIN_KEYS_DIR: z.string().min(1).default(".data/secrets"),
  /**
   * Where manufacturers' label PDFs and CSVs are kept, encrypted with their secret, until deleted
   * after printing (default: print-files/ next to PIN_KEYS_DIR).
   */
  PRINT_FILES_DIR: z.string().min(1).optional(),
  /** Salt for hashing client addresses in scan records; random per process when unset. */
  SCAN_SALT: z.string().min(16).optional(),
  /** Signs staff session cookies; when unset, a key kept in PIN_KEYS_DIR/session.key (made once). */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  /**
   * "on" only when the start command started the chain itself (it sets this): the demo accounts and the
   * "Embedded local chain" name depend on it, never on the chain id (Hardhat's node says 31337 like anvil).
   */
  EMBEDDED_CHAIN: z.enum(["on", "off"]).default("off"),
  /** Offer the demo organisations' local accounts in the browser. Only ever on the embedded chain. */
  LOCAL_DEMO_ACCOUNTS: z.enum(["on", "off"]).default("on"),
  /**
   * Where people reach this deployment (`https://trace.example.org`): sign-in messages must name it
   * and every absolute link is built on it; a request's Host and X-Forwarded-* never are.
   */
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
  /** GLN this service answers GS1 LVM verification requests as (default: the demo regulator's). */
  RESPONDER_GLN: z
    .string()
    .regex(/^[0-9]{13}$/, "RESPONDER_GLN must be a 13-digit GLN")
    .default("6901234000016"),
});

export const env = schema.parse(process.env);
