import type { Messages } from "@/lib/i18n/messages";
import type { ApiFailure } from "./api";

/**
 * An API refusal in the reader's language: English readers get the server's own sentence (it names
 * the lot and GTIN); Chinese readers get the sentence for its code.
 */
export function localiseApiError(m: Messages, locale: string, error: ApiFailure): string {
  if (error.code === "Network") return m.common.errors.network;
  const known = m.manufacturer.apiErrors[error.code as keyof Messages["manufacturer"]["apiErrors"]];
  if (locale === "en" && error.message) return error.message;
  return known ?? (error.message || m.common.errors.unexpected);
}
