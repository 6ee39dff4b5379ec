/**
 * One HTTP POST of a delivery: to the address the policy allows (checked at connection time), with a time limit,
 * no redirects followed, the answer's body discarded. Success is a 2xx status.
 */
import http from "node:http";
import https from "node:https";
import { AddressRefused, checkedLookup, urlRefusal, type AddressPolicy } from "./address";

export interface PostResult {
  /** the receiver's HTTP status, null when none came */
  status: number | null;
  /** why no 2xx came, in a few words (never the receiver's body) */
  error: string | null;
}

export async function postDelivery(
  url: string,
  body: string,
  headers: Record<string, string>,
  { policy, timeoutMs }: { policy: AddressPolicy; timeoutMs: number },
): Promise<PostResult> {
  const refusal = urlRefusal(url, policy);
  if (refusal) return { status: null, error: `address refused (${refusal})` };
  const u = new URL(url);
  const send = u.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve) => {
    const request = send(
      u,
      {
        method: "POST",
        lookup: checkedLookup(policy),
        timeout: timeoutMs,
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "TraceMed-Webhooks/1",
          ...headers,
        },
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        const done = () =>
          resolve({ status, error: status >= 200 && status < 300 ? null : `the receiver answered ${status}` });
        response.on("end", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error("timed out")), timeoutMs);
    request.on("close", () => clearTimeout(timer));
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", (error: Error) =>
      resolve({
        status: null,
        error:
          error instanceof AddressRefused
            ? "address refused (not a public address)"
            : error.message === "timed out"
              ? `no answer within ${timeoutMs / 1000} s`
              : `could not connect (${(error as NodeJS.ErrnoException).code ?? error.message})`,
      }),
    );
    request.end(body);
  });
}
