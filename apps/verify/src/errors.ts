/**
 * The verification service's refusals as HTTP: the status of every error code this service can meet
 * (the verify core's, and the request's at the front), with the same statuses as the web app's
 * table (apps/web/lib/errors.ts), which also holds the sentences pages show. It answers in the same
 * `{ error: { code, message } }` contract; a code missing here, or any other error, is logged and answered
 * 503 without a word of what it was.
 */
import type { ServerResponse } from "node:http";
import { DomainError, type DomainErrorCode } from "@tracemed/errors";
import { detailHeaders, serviceUnavailable } from "@tracemed/errors/http";

const STATUS = {
  // the verify core: verifyPack, packInfo, the chain's word on a batch's status
  PinTypo: 400,
  PackLocked: 429,
  PinCheckUnavailable: 503,
  StatusUnconfirmed: 503,
  InvalidGtin: 400,
  InvalidLot: 400,
  InvalidSerial: 400,
  // the consumer's pages (pages.ts): the resolver and the report form
  InvalidDigitalLink: 400,
  LinkTypeNotFound: 404,
  InvalidCategory: 400,
  TextRequired: 400,
  TextTooLong: 400,
  ContactTooLong: 400,
  TooManyReports: 429,
  // the request, here and at the front (forward.ts)
  TooManyChecks: 429,
  InvalidRequest: 400,
  BodyTooLarge: 413,
  UnsupportedMediaType: 415,
  InvalidPath: 400,
  NotFound: 404,
  MethodNotAllowed: 405,
  MalformedTarget: 400,
  MalformedRequest: 400,
  UnsupportedHttpVersion: 400,
  MissingHost: 400,
  HeadersTooLarge: 431,
  RequestTimeout: 408,
  ExpectationFailed: 417,
  WebAppUnavailable: 502,
  ServiceUnavailable: 503,
} as const satisfies { [C in DomainErrorCode]?: number };

export type VerifyServiceErrorCode = keyof typeof STATUS;
export const VERIFY_SERVICE_STATUS: Readonly<Record<VerifyServiceErrorCode, number>> = STATUS;

/** A refusal as the status, headers and JSON body this service writes. */
export function errorAnswer(error: unknown): { status: number; headers: Record<string, string>; body: string } {
  const status = error instanceof DomainError ? STATUS[error.code as VerifyServiceErrorCode] : undefined;
  if (!(error instanceof DomainError) || status === undefined) {
    console.error("[verify] unexpected error:", String((error as Error)?.message ?? error).split("\n")[0]);
    return errorAnswer(serviceUnavailable());
  }
  const headers = detailHeaders(error.details);
  return { status, headers, body: JSON.stringify({ error: { code: error.code, message: error.message } }) };
}

/** Answers a request with a refusal in the error contract. */
export function writeError(res: ServerResponse, error: unknown): void {
  const { status, headers, body } = errorAnswer(error);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(body);
}
