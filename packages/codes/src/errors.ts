/**
 * Typed errors of @tracemed/codes. Every parser throws only these: a `code` a program can switch
 * on, the `field` that is wrong (e.g. "GTIN (01)") and the `position` (0-based index into the
 * input as given) where it went wrong. Messages never contain a PIN.
 */
export type CodesErrorCode =
  | "empty-input"
  | "input-too-long"
  | "invalid-argument"
  | "invalid-character"
  | "invalid-length"
  | "invalid-check-digit"
  | "invalid-date"
  | "unknown-ai"
  | "duplicate-ai"
  | "invalid-ai-pair"
  | "missing-ai"
  | "ambiguous"
  | "invalid-digital-link"
  | "qualifier-order"
  | "invalid-percent-encoding"
  | "unrecognised-format"
  | "invalid-pin"
  | "pin-check-failed"
  | "label-too-small";

export interface CodesErrorOptions {
  field?: string;
  position?: number;
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class CodesError extends Error {
  readonly code: CodesErrorCode;
  readonly field: string | undefined;
  readonly position: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: CodesErrorCode, message: string, options: CodesErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options.field;
    this.position = options.position;
    this.details = options.details;
  }
}

/** A GS1 key (GTIN, GLN, SSCC) with the wrong length, a non-digit or a wrong check digit. */
export class Gs1KeyError extends CodesError {}
/** A YYMMDD date that does not exist. */
export class DateError extends CodesError {}
/** A GS1 element string (what a DataMatrix or a keyboard-wedge scanner delivers) that cannot be read. */
export class ElementStringError extends CodesError {}
/** A GS1 Digital Link URI that breaks a rule of the standard. */
export class DigitalLinkError extends CodesError {}
/** A China NMPA drug traceability code that is not 20 digits. */
export class ChinaCodeError extends CodesError {}
/** A scan that is none of the formats this package reads. */
export class ScanError extends CodesError {}
/** A typed PIN of the wrong shape or with a failing check digit. The message never holds the PIN. */
export class PinError extends CodesError {}
/** A caller passed an argument outside the documented range (batch size, secret length, ...). */
export class ArgumentError extends CodesError {
  constructor(message: string, options: CodesErrorOptions = {}) {
    super("invalid-argument", message, options);
  }
}
/** A label layout that cannot hold what must be printed. */
export class LabelError extends CodesError {}

/** "at character 5" from a 0-based position. */
export function at(position: number): string {
  return `at character ${position + 1}`;
}
