/**
 * The app's route handlers called in-process, as Next.js calls them, for node:test: a Request in, a
 * Response out, through the real guard, database and chain. Call `useAppEnvironment` before the
 * first import of anything that reads lib/env.ts (the environment is read once per process).
 */
import { registerHooks } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { catchUp, openDatabase, startLedger, type Ledger, type Party } from "@tracemed/indexer/testing";
import { SESSION_COOKIE, signSession } from "../session/token";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");
let hooked = false;

/** Sets the web app's environment and lets `server-only` modules load outside Next.js's server. */
export function useAppEnvironment(vars: Record<string, string>): void {
  Object.assign(process.env, vars);
  if (hooked) return;
  hooked = true;
  registerHooks({
    resolve: (specifier, context, next) =>
      specifier === "server-only"
        ? { url: "data:text/javascript,export {};", shortCircuit: true }
        : next(specifier, context),
  });
}

/**
 * A test ledger (its organisations onboarded) and an embedded database the indexer brought up to date,
 * with the web app's environment on them: what the staff routes' tests call routes against.
 */
export async function startAppWorld(name: string) {
  const chainDir = await mkdtemp(path.join(tmpdir(), `tracemed-${name}-chain-`));
  const keysDir = await mkdtemp(path.join(tmpdir(), `tracemed-${name}-keys-`));
  const ledger = await startLedger(chainDir);
  const database = await openDatabase("embedded PGlite", 4);
  const indexer = ledger.indexer(database.db);
  const index = () => catchUp(indexer);
  await index();
  const secret = randomBytes(32).toString("hex");
  useLedgerAppEnvironment(ledger, database.url, keysDir, secret);
  return {
    ledger,
    database,
    keysDir,
    secret,
    /** brings the database up to date with the chain */
    index,
    /** a session cookie of `who` (a party, or a member's account), as sign-in makes it */
    cookie: (who: Party | `0x${string}`) => staffCookie(ledger, who, secret),
    async stop() {
      const { db } = await import("@/lib/db");
      await db().$disconnect();
      await database.stop();
      await ledger.stopChain();
      await rm(chainDir, { recursive: true, force: true });
      await rm(keysDir, { recursive: true, force: true });
    },
  };
}

/** The web app's environment on a test ledger and database (see `useAppEnvironment`). */
export function useLedgerAppEnvironment(
  ledger: Pick<Ledger, "chainUrl" | "chainId" | "ledger">,
  databaseUrl: string,
  keysDir: string,
  secret: string,
): void {
  useAppEnvironment({
    DATABASE_URL: databaseUrl,
    CHAIN_RPC_URL: ledger.chainUrl(),
    CHAIN_ID: String(ledger.chainId),
    LEDGER_ADDRESS: ledger.ledger.address,
    PIN_KEYS_DIR: keysDir,
    SESSION_SECRET: secret,
    PUBLIC_ORIGIN: "https://trace.example.org",
  });
}

/** The session cookie of `who` (a party's founding account, or any account), valid for an hour, as sign-in makes it. */
export function staffCookie(
  ledger: Pick<Ledger, "cast" | "chainId">,
  who: Party | `0x${string}`,
  secret: string,
): string {
  const account = (who.startsWith("0x") ? who : ledger.cast[who as Party].address).toLowerCase() as `0x${string}`;
  const now = Math.floor(Date.now() / 1000);
  const token = signSession(
    { account, chainId: ledger.chainId, issuedAt: now, expiresAt: now + 3600 },
    Buffer.from(secret, "utf8"),
  );
  return `${SESSION_COOKIE}=${token}`;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Calls `method` of the route in `app/<dir>/route.ts` (dir as on disk: `api/manufacturer/products/[gtin]`)
 * with `params`, at `url` on the host the client names; `body` as JSON, or a Uint8Array as it is.
 */
export async function callRoute(
  dir: string,
  method: string,
  init: { params?: Record<string, string>; url?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Response> {
  const module = (await import(path.join(appDir, dir, "route.ts"))) as Record<string, Handler | undefined>;
  const handler = module[method];
  if (!handler) throw new Error(`app/${dir}/route.ts has no ${method}`);
  const url =
    init.url ?? `http://127.0.0.1:3100/${dir.replace(/\[(\w+)\]/g, (_m, k: string) => init.params?.[k] ?? k)}`;
  const headers = new Headers(init.headers);
  // Bytes go as they are (with the content type the caller names); anything else as JSON.
  const raw = init.body instanceof Uint8Array;
  if (init.body !== undefined && !raw) headers.set("content-type", "application/json");
  const request = new Request(url, {
    method,
    headers,
    body:
      init.body === undefined ? undefined : raw ? (init.body as Uint8Array<ArrayBuffer>) : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve(init.params ?? {}) });
}
