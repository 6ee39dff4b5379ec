/**
 * The web app's one table of refusals: every domain error code with its HTTP status and the sentence
 * a page shows for it, as a key of the i18n catalogues (so English and Chinese both exist: the
 * catalogues' shapes are checked against each other). The type checker refuses a code without an
 * entry, and a key that names no sentence. Client components read it too: keep it free of server code.
 */
import { isDomainErrorCode, type DomainErrorCode } from "@tracemed/errors";
import type { Messages } from "@/lib/i18n/messages";

/** "area.group.key" for every sentence of the catalogues. */
type SentencePath<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : SentencePath<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = SentencePath<Messages>;

export const ERRORS = {
  // verification
  PinTypo: { status: 400, message: "consumer.pin.errors.PinTypo" },
  PackLocked: { status: 429, message: "errors.PackLocked" },
  PinCheckUnavailable: { status: 503, message: "errors.PinCheckUnavailable" },
  StatusUnconfirmed: { status: 503, message: "provenance.detail.statusUnconfirmed" },
  TooManyChecks: { status: 429, message: "errors.TooManyChecks" },
  MissingExpiry: { status: 400, message: "errors.MissingExpiry" },
  InvalidExpiry: { status: 400, message: "errors.InvalidExpiry" },
  ConflictingExpiry: { status: 400, message: "errors.ConflictingExpiry" },
  InvalidRequestorGln: { status: 400, message: "errors.InvalidRequestorGln" },
  InvalidCorrUUID: { status: 400, message: "errors.InvalidCorrUUID" },
  UnsupportedContext: { status: 400, message: "errors.UnsupportedContext" },
  UnsupportedLinkType: { status: 400, message: "errors.UnsupportedLinkType" },
  RequestorUnknown: { status: 401, message: "errors.RequestorUnknown" },
  RequestorSuspended: { status: 403, message: "errors.RequestorSuspended" },
  // identifiers
  InvalidGtin: { status: 400, message: "errors.InvalidGtin" },
  InvalidLot: { status: 400, message: "errors.InvalidLot" },
  InvalidSerial: { status: 400, message: "errors.InvalidSerial" },
  InvalidBatchId: { status: 400, message: "provenance.detail.invalidId" },
  InvalidSscc: { status: 400, message: "errors.InvalidSscc" },
  InvalidDigitalLink: { status: 400, message: "errors.InvalidDigitalLink" },
  // provenance and consumers' reports
  BatchNotFound: { status: 404, message: "provenance.detail.notFound" },
  PackNotFound: { status: 404, message: "errors.PackNotFound" },
  UnitNotFound: { status: 404, message: "custody.unit.errNotFound" },
  UnitNotReceived: { status: 409, message: "custody.unit.errNotReceived" },
  NotAPartyOfBatch: { status: 403, message: "provenance.detail.notVisible" },
  LinkTypeNotFound: { status: 404, message: "errors.LinkTypeNotFound" },
  InvalidCategory: { status: 400, message: "consumer.report.errors.category" },
  TextRequired: { status: 400, message: "consumer.report.errors.text" },
  TextTooLong: { status: 400, message: "errors.TextTooLong" },
  ContactTooLong: { status: 400, message: "errors.ContactTooLong" },
  TooManyReports: { status: 429, message: "consumer.report.errors.TooManyReports" },
  // EPCIS capture and query
  EpcisInvalidDocument: { status: 400, message: "epcis.errors.EpcisInvalidDocument" },
  EpcisTooManyEvents: { status: 413, message: "epcis.errors.EpcisTooManyEvents" },
  EpcisQueryParameter: { status: 400, message: "epcis.errors.EpcisQueryParameter" },
  EpcisCaptureNotFound: { status: 404, message: "epcis.errors.EpcisCaptureNotFound" },
  EpcisNamedQueryNotFound: { status: 404, message: "epcis.errors.EpcisNamedQueryNotFound" },
  EpcisNamedQueryExists: { status: 409, message: "epcis.errors.EpcisNamedQueryExists" },
  EpcisUnsupportedEvent: { status: 422, message: "epcis.errors.EpcisUnsupportedEvent" },
  EpcisCaptureBehaviour: { status: 400, message: "epcis.errors.EpcisCaptureBehaviour" },
  EpcisXmlInvalid: { status: 400, message: "epcis.errors.EpcisXmlInvalid" },
  // registration
  GtinMissing: { status: 400, message: "errors.GtinMissing" },
  GtinNotDigits: { status: 400, message: "errors.GtinNotDigits" },
  GtinLength: { status: 400, message: "errors.GtinLength" },
  GtinCheckDigit: { status: 400, message: "errors.GtinCheckDigit" },
  GtinNotUnderPrefix: { status: 403, message: "errors.GtinNotUnderPrefix" },
  GtinOwnedByAnother: { status: 403, message: "errors.GtinOwnedByAnother" },
  FieldMissing: { status: 400, message: "errors.FieldMissing" },
  FieldTooLong: { status: 400, message: "errors.FieldTooLong" },
  FieldCharacter: { status: 400, message: "errors.FieldCharacter" },
  ProductExists: { status: 409, message: "errors.ProductExists" },
  ProductNotFound: { status: 404, message: "errors.ProductNotFound" },
  LeafletLocale: { status: 400, message: "errors.LeafletLocale" },
  LeafletNotPdf: { status: 415, message: "errors.LeafletNotPdf" },
  LeafletTooLarge: { status: 413, message: "errors.LeafletTooLarge" },
  LeafletLinkInvalid: { status: 400, message: "errors.LeafletLinkInvalid" },
  LeafletNotFound: { status: 404, message: "errors.LeafletNotFound" },
  LotMissing: { status: 400, message: "errors.LotMissing" },
  LotTooLong: { status: 400, message: "errors.LotTooLong" },
  LotCharacter: { status: 400, message: "errors.LotCharacter" },
  ExpiryInvalid: { status: 400, message: "errors.ExpiryInvalid" },
  ExpiryPast: { status: 400, message: "errors.ExpiryPast" },
  ExpiryTooFar: { status: 400, message: "errors.ExpiryTooFar" },
  PackCount: { status: 400, message: "errors.PackCount" },
  SerialCount: { status: 400, message: "errors.SerialCount" },
  SerialInvalid: { status: 400, message: "errors.SerialInvalid" },
  SerialDuplicate: { status: 400, message: "errors.SerialDuplicate" },
  BatchExists: { status: 409, message: "errors.BatchExists" },
  RegistrationUnderWay: { status: 409, message: "errors.RegistrationUnderWay" },
  RegistrationNotFound: { status: 404, message: "errors.RegistrationNotFound" },
  NotYourRegistration: { status: 403, message: "errors.NotYourRegistration" },
  TxHash: { status: 400, message: "errors.TxHash" },
  NotReadyToSign: { status: 409, message: "errors.NotReadyToSign" },
  NotFailed: { status: 409, message: "errors.NotFailed" },
  AlreadySigned: { status: 409, message: "errors.AlreadySigned" },
  StillGenerating: { status: 409, message: "errors.StillGenerating" },
  NotYourBatch: { status: 403, message: "errors.NotYourBatch" },
  UnknownPrintFile: { status: 404, message: "errors.UnknownPrintFile" },
  NoPrintFile: { status: 404, message: "errors.NoPrintFile" },
  NoKey: { status: 409, message: "errors.NoKey" },
  // custody
  BatchUnknown: { status: 404, message: "errors.BatchUnknown" },
  PackRecordsIncomplete: { status: 409, message: "errors.PackRecordsIncomplete" },
  PackRecordsMismatch: { status: 409, message: "errors.PackRecordsMismatch" },
  NoPacks: { status: 400, message: "errors.NoPacks" },
  TooManyPacks: { status: 400, message: "errors.TooManyPacks" },
  DuplicatePack: { status: 400, message: "errors.DuplicatePack" },
  PackIndexOutOfRange: { status: 400, message: "errors.PackIndexOutOfRange" },
  InvalidIndices: { status: 400, message: "errors.InvalidIndices" },
  // session
  SignInRequired: { status: 401, message: "errors.SignInRequired" },
  RoleRequired: { status: 403, message: "errors.RoleRequired" },
  OrganisationSuspended: { status: 403, message: "errors.OrganisationSuspended" },
  OrganisationUnknown: { status: 403, message: "common.staffRefused.OrganisationUnknown" },
  MemberRemoved: { status: 403, message: "org.refused.MemberRemoved" },
  PermissionRequired: { status: 403, message: "org.refused.PermissionRequiredShort" },
  MalformedSignIn: { status: 400, message: "errors.MalformedSignIn" },
  SignInWrongHost: { status: 401, message: "errors.SignInWrongHost" },
  SignInWrongChain: { status: 401, message: "errors.SignInWrongChain" },
  SignInFromTheFuture: { status: 401, message: "common.signInRefused.SignInFromTheFuture" },
  SignInExpired: { status: 401, message: "common.signInRefused.SignInExpired" },
  SignInBadSignature: { status: 401, message: "common.signInRefused.SignInBadSignature" },
  SignInReplayed: { status: 401, message: "common.signInRefused.SignInReplayed" },
  TooManySignIns: { status: 429, message: "errors.TooManySignIns" },
  InvitationInvalid: { status: 404, message: "passkey.refused.InvitationInvalid" },
  PasskeyUnavailable: { status: 409, message: "passkey.refused.PasskeyUnavailable" },
  PasskeyRefused: { status: 401, message: "passkey.refused.PasskeyRefused" },
  PasskeyNotMember: { status: 403, message: "passkey.refused.PasskeyNotMember" },
  RelayMemberMismatch: { status: 403, message: "passkey.refused.RelayMemberMismatch" },
  RelayRefused: { status: 422, message: "passkey.refused.RelayRefused" },
  RelayQuotaExhausted: { status: 429, message: "passkey.refused.RelayQuotaExhausted" },
  RelayUnavailable: { status: 503, message: "passkey.refused.RelayUnavailable" },
  RelayNoUnits: { status: 409, message: "passkey.refused.RelayNoUnits" },
  // machine clients and webhooks
  MachineTokenInvalid: { status: 401, message: "machine.refused.MachineTokenInvalid" },
  MachineScopeRequired: { status: 403, message: "machine.refused.MachineScopeRequired" },
  MachineClientRequired: { status: 403, message: "machine.refused.MachineClientRequired" },
  MachineRateLimited: { status: 429, message: "machine.refused.MachineRateLimited" },
  SystemMemberInactive: { status: 403, message: "machine.refused.SystemMemberInactive" },
  SystemClientNotFound: { status: 404, message: "machine.refused.SystemClientNotFound" },
  SystemKeyUnavailable: { status: 503, message: "machine.refused.SystemKeyUnavailable" },
  WebhookUrlRefused: { status: 400, message: "machine.refused.WebhookUrlRefused" },
  WebhookNotFound: { status: 404, message: "machine.refused.WebhookNotFound" },
  // the request itself
  InvalidRequest: { status: 400, message: "errors.InvalidRequest" },
  InvalidBody: { status: 400, message: "errors.InvalidBody" },
  MalformedJson: { status: 400, message: "errors.MalformedJson" },
  BodyTooLarge: { status: 413, message: "errors.BodyTooLarge" },
  UnsupportedMediaType: { status: 415, message: "errors.UnsupportedMediaType" },
  InvalidPath: { status: 400, message: "errors.InvalidPath" },
  MalformedPath: { status: 400, message: "errors.InvalidPath" },
  NotFound: { status: 404, message: "errors.NotFound" },
  MethodNotAllowed: { status: 405, message: "errors.MethodNotAllowed" },
  MalformedTarget: { status: 400, message: "errors.MalformedTarget" },
  MalformedRequest: { status: 400, message: "errors.MalformedRequest" },
  UnsupportedHttpVersion: { status: 400, message: "errors.UnsupportedHttpVersion" },
  MissingHost: { status: 400, message: "errors.MissingHost" },
  HeadersTooLarge: { status: 431, message: "errors.HeadersTooLarge" },
  RequestTimeout: { status: 408, message: "errors.RequestTimeout" },
  ExpectationFailed: { status: 417, message: "errors.ExpectationFailed" },
  MalformedRpc: { status: 400, message: "errors.MalformedRpc" },
  RpcMethodNotAllowed: { status: 403, message: "errors.RpcMethodNotAllowed" },
  DirectAccessRefused: { status: 403, message: "errors.DirectAccessRefused" },
  ChainUnavailable: { status: 503, message: "errors.ChainUnavailable" },
  WebAppUnavailable: { status: 502, message: "errors.WebAppUnavailable" },
  ServiceUnavailable: { status: 503, message: "errors.ServiceUnavailable" },
} as const satisfies Record<DomainErrorCode, { status: number; message: MessageKey }>;

/**
 * The sentence a page shows for a refusal's code (a DomainError's, or an API answer's `error.code`),
 * in the language of `m`; the catalogue's "something went wrong" for anything else.
 */
export function errorSentence(m: Messages, code: unknown): string {
  if (!isDomainErrorCode(code)) return m.common.errors.unexpected;
  let node: unknown = m;
  for (const part of ERRORS[code].message.split(".")) node = (node as Record<string, unknown>)[part];
  return node as string;
}
