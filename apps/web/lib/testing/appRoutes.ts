/**
 * The app's route handlers called in-process, as Next.js calls them, for node:test: a Request in, a
 * Response out, through the real guard, database and chain. Call `useAppEnvironment` before the
 * first import of anything that reads lib/env.ts (the environment is read once per process).
 */
import { registerHooks } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Calls `method` of the route in `app/<dir>/route.ts` (dir as on disk: `api/manufacturer/products/[gtin]`)
 * with `params`, at `url` on the host the client names.
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
  if (init.body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(url, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve(init.params ?? {}) });
}
