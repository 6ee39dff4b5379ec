import "server-only";
import { z } from "zod";
import { chainEnv, databaseEnv, keysEnv, machineEnv, publicOriginEnv, readEnv, scanEnv } from "@tracemed/config/env";

/** The web app's whole environment, read and validated in this one place. */
const schema = z.object({
  ...databaseEnv,
  DATABASE_URL: databaseEnv.DATABASE_URL.default(
    "postgresql://postgres:postgres@127.0.0.1:5433/postgres?sslmode=disable",
  ),
  ...chainEnv,
  CHAIN_RPC_URL: z.url().default("http://127.0.0.1:8545"),
  ...keysEnv,
  PIN_KEYS_DIR: keysEnv.PIN_KEYS_DIR.prefault(".data/secrets"),
  /**
   * Where manufacturers' label PDFs and CSVs are kept, encrypted with their secret, until deleted
   * after printing (default: print-files/ next to PIN_KEYS_DIR).
   */
  PRINT_FILES_DIR: z.string().min(1).optional(),
  ...scanEnv,
  /** Signs staff session cookies; when unset, a key kept in PIN_KEYS_DIR/session.key (made once). */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  /**
   * "on" only when the start command started the chain itself (it sets this): the demo accounts and the
   * "Embedded local chain" name depend on it, never on the chain id (Hardhat's node says 31337 like anvil).
   */
  EMBEDDED_CHAIN: z.enum(["on", "off"]).default("off"),
  /** Offer the demo organisations' local accounts in the browser. Only ever on the embedded chain. */
  LOCAL_DEMO_ACCOUNTS: z.enum(["on", "off"]).default("on"),
  ...publicOriginEnv,
  ...machineEnv,
  /**
   * The relayer that sends passkey members' signed intents and pays their gas (the start command sets the embedded
   * chain's; elsewhere unset: passkey members cannot write, wallets still can). It cannot change or replay an intent.
   */
  RELAYER_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "RELAYER_PRIVATE_KEY must be a 32-byte hex private key")
    .optional(),
  /** GLN this service answers GS1 LVM verification requests as (default: the demo regulator's). */
  RESPONDER_GLN: z
    .string()
    .regex(/^[0-9]{13}$/, "RESPONDER_GLN must be a 13-digit GLN")
    .default("6901234000016"),
});

export const env = readEnv(schema);
