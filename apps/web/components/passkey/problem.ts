import type { Messages } from "@/lib/i18n/messages";

/**
 * What went wrong with a passkey ceremony, as a sentence: the browser's refusals (cancelled, timed out, no passkey
 * support) in the reader's words, and the server's refusals as the API said them.
 */
export function passkeyProblem(error: unknown, m: Messages): string {
  const name = (error as { name?: string; code?: string })?.name;
  const code = (error as { code?: string })?.code;
  if (name === "NotAllowedError" || code === "ERROR_CEREMONY_ABORTED" || name === "AbortError")
    return m.passkey.signIn.cancelled;
  if (code === "ERROR_INVALID_DOMAIN" || name === "SecurityError") return m.passkey.refused.PasskeyUnavailable;
  if (typeof window !== "undefined" && !window.PublicKeyCredential) return m.passkey.signIn.unsupported;
  return (error as Error)?.message?.split("\n")[0] || m.common.errors.unexpected;
}
