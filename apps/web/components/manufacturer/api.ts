/** Calls the manufacturer API from the browser; an error becomes { code, message } (the API's contract). */
import type * as z from "zod/mini";
import { checkInput } from "@/lib/inputs/refusal";

export interface ApiFailure {
  code: string;
  message: string;
}

/** With the route's input `schema` (lib/inputs), a body it would refuse gets the same refusal, unsent. */
export async function callApi<T, S extends z.core.$ZodType = z.core.$ZodType>(
  url: string,
  init: { method?: string; body?: z.input<S>; schema?: S } = {},
): Promise<{ ok: true; data: T } | { ok: false; error: ApiFailure }> {
  if (init.schema) {
    const checked = checkInput(init.schema, init.body);
    if (!checked.ok) return { ok: false, error: { code: checked.error.code, message: checked.error.message } };
  }
  try {
    const res = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? {} : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
    const body = (await res.json().catch(() => null)) as ({ error?: ApiFailure } & T) | null;
    if (!res.ok)
      return { ok: false, error: body?.error ?? { code: `HTTP${res.status}`, message: `HTTP ${res.status}` } };
    return { ok: true, data: body as T };
  } catch {
    return { ok: false, error: { code: "Network", message: "" } };
  }
}
