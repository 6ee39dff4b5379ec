/**
 * The domain's error: what verification, provenance, registration, custody and the session throw
 * when they refuse a request. It carries a code from one closed list, an English sentence for
 * developers and logs, and typed details; never an HTTP status. Each app maps every code to its
 * status and to sentences for readers in one table (apps/web/lib/errors.ts).
 */

/** Checking a pack: the PIN, the verdict's facts, LVM (GS1 Lightweight Verification Messaging). */
export const VERIFICATION_ERROR_CODES = [
  "PinTypo",
  "PackLocked",
  "PinCheckUnavailable",
  "StatusUnconfirmed",
  "TooManyChecks",
  "MissingExpiry",
  "InvalidExpiry",
  "ConflictingExpiry",
  "InvalidRequestorGln",
  "InvalidCorrUUID",
  "UnsupportedContext",
  "UnsupportedLinkType",
  "RequestorUnknown",
  "RequestorSuspended",
] as const;

/** Identifiers read from a URL, a scan or a body: GTIN, lot, serial, batch id, SSCC, Digital Link. */
export const IDENTIFIER_ERROR_CODES = [
  "InvalidGtin",
  "InvalidLot",
  "InvalidSerial",
  "InvalidBatchId",
  "InvalidSscc",
  "InvalidDigitalLink",
] as const;

/** Reading a batch's or a pack's history back, and consumers' reports on packs. */
export const PROVENANCE_ERROR_CODES = [
  "BatchNotFound",
  "PackNotFound",
  "UnitNotFound",
  "UnitNotReceived",
  "NotAPartyOfBatch",
  "LinkTypeNotFound",
  "InvalidCategory",
  "TextRequired",
  "TextTooLong",
  "ContactTooLong",
  "TooManyReports",
] as const;

/** EPCIS 2.0 capture and query (the REST binding's /capture, /events, /queries). */
export const EPCIS_ERROR_CODES = [
  "EpcisInvalidDocument",
  "EpcisTooManyEvents",
  "EpcisQueryParameter",
  "EpcisCaptureNotFound",
  "EpcisNamedQueryNotFound",
  "EpcisNamedQueryExists",
  "EpcisUnsupportedEvent",
  "EpcisCaptureBehaviour",
  "EpcisXmlInvalid",
] as const;

/** A manufacturer's products, batch registrations and print files. */
export const REGISTRATION_ERROR_CODES = [
  "GtinMissing",
  "GtinNotDigits",
  "GtinLength",
  "GtinCheckDigit",
  "GtinNotUnderPrefix",
  "GtinOwnedByAnother",
  "FieldMissing",
  "FieldTooLong",
  "FieldCharacter",
  "ProductExists",
  "ProductNotFound",
  "LeafletLocale",
  "LeafletNotPdf",
  "LeafletTooLarge",
  "LeafletLinkInvalid",
  "LeafletNotFound",
  "LotMissing",
  "LotTooLong",
  "LotCharacter",
  "ExpiryInvalid",
  "ExpiryPast",
  "ExpiryTooFar",
  "PackCount",
  "SerialCount",
  "SerialInvalid",
  "SerialDuplicate",
  "BatchExists",
  "RegistrationUnderWay",
  "RegistrationNotFound",
  "NotYourRegistration",
  "TxHash",
  "NotReadyToSign",
  "NotFailed",
  "AlreadySigned",
  "StillGenerating",
  "NotYourBatch",
  "UnknownPrintFile",
  "NoPrintFile",
  "NoKey",
] as const;

/** Moving packs between organisations: shipments, receipts, dispensing. */
export const CUSTODY_ERROR_CODES = [
  "BatchUnknown",
  "PackRecordsIncomplete",
  "PackRecordsMismatch",
  "NoPacks",
  "TooManyPacks",
  "DuplicatePack",
  "PackIndexOutOfRange",
  "InvalidIndices",
] as const;

/** Staff sign-in and who may act. */
export const SESSION_ERROR_CODES = [
  "SignInRequired",
  "RoleRequired",
  "OrganisationSuspended",
  "OrganisationUnknown",
  "MemberRemoved",
  "PermissionRequired",
  "MalformedSignIn",
  "SignInWrongHost",
  "SignInWrongChain",
  "SignInFromTheFuture",
  "SignInExpired",
  "SignInBadSignature",
  "SignInReplayed",
  "TooManySignIns",
  // passkeys: enrolment by invitation, sign-in, and the relayer that sends a passkey member's writes
  "InvitationInvalid",
  "PasskeyUnavailable",
  "PasskeyRefused",
  "PasskeyNotMember",
  "RelayMemberMismatch",
  "RelayRefused",
  "RelayQuotaExhausted",
  "RelayUnavailable",
  "RelayNoUnits",
] as const;

/** Machine clients (a system member's OAuth2 client credentials) and the webhooks organisations register. */
export const MACHINE_ERROR_CODES = [
  "MachineTokenInvalid",
  "MachineScopeRequired",
  "MachineClientRequired",
  "MachineRateLimited",
  "SystemMemberInactive",
  "SystemClientNotFound",
  "SystemKeyUnavailable",
  "WebhookUrlRefused",
  "WebhookNotFound",
] as const;

/** The request itself, before any domain reads it: framing, body, address, and services behind it. */
export const REQUEST_ERROR_CODES = [
  "InvalidRequest",
  "InvalidBody",
  "MalformedJson",
  "BodyTooLarge",
  "UnsupportedMediaType",
  "InvalidPath",
  "MalformedPath",
  "NotFound",
  "MethodNotAllowed",
  "MalformedTarget",
  "MalformedRequest",
  "UnsupportedHttpVersion",
  "MissingHost",
  "HeadersTooLarge",
  "RequestTimeout",
  "ExpectationFailed",
  "MalformedRpc",
  "RpcMethodNotAllowed",
  "DirectAccessRefused",
  "ChainUnavailable",
  "WebAppUnavailable",
  "ServiceUnavailable",
] as const;

/** Every code a refusal can carry: the API's `error.code`. */
export const DOMAIN_ERROR_CODES = [
  ...VERIFICATION_ERROR_CODES,
  ...IDENTIFIER_ERROR_CODES,
  ...PROVENANCE_ERROR_CODES,
  ...EPCIS_ERROR_CODES,
  ...REGISTRATION_ERROR_CODES,
  ...CUSTODY_ERROR_CODES,
  ...SESSION_ERROR_CODES,
  ...MACHINE_ERROR_CODES,
  ...REQUEST_ERROR_CODES,
] as const;

export type VerificationErrorCode = (typeof VERIFICATION_ERROR_CODES)[number];
export type IdentifierErrorCode = (typeof IDENTIFIER_ERROR_CODES)[number];
export type ProvenanceErrorCode = (typeof PROVENANCE_ERROR_CODES)[number];
export type EpcisErrorCode = (typeof EPCIS_ERROR_CODES)[number];
export type RegistrationErrorCode = (typeof REGISTRATION_ERROR_CODES)[number];
export type CustodyErrorCode = (typeof CUSTODY_ERROR_CODES)[number];
export type SessionErrorCode = (typeof SESSION_ERROR_CODES)[number];
export type MachineErrorCode = (typeof MACHINE_ERROR_CODES)[number];
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

const KNOWN = new Set<string>(DOMAIN_ERROR_CODES);

/** Whether a string (an API answer's `error.code`, say) is one of the codes. */
export function isDomainErrorCode(code: unknown): code is DomainErrorCode {
  return typeof code === "string" && KNOWN.has(code);
}

/** What a client can act on besides the code; each app decides how to carry it (HTTP: headers). */
export interface DomainErrorDetails {
  /** seconds after which asking again may succeed (rate limits, a locked pack, a source that is down) */
  retryAfterSeconds?: number;
  /** the input field at fault, as the request named it */
  field?: string;
  /** the methods that are served where a method was refused */
  allow?: string;
}

/** A refusal with a code from DOMAIN_ERROR_CODES. `message` is English, for developers and logs. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DomainError";
  }
}

/** Whether `error` is a DomainError, with one of `codes` when given. */
export function isDomainError<C extends DomainErrorCode>(
  error: unknown,
  ...codes: C[]
): error is DomainError & { code: C } {
  return error instanceof DomainError && (codes.length === 0 || (codes as string[]).includes(error.code));
}
