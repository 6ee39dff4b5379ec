/**
 * The refusals of apps/web's input schemas (lib/inputs): the shared core (@tracemed/errors/refusal)
 * and the bridge to @tracemed/codes' parsers.
 */
import { CodesError } from "@tracemed/codes/browser";
import { DomainError, type DomainErrorCode } from "@tracemed/errors";
import { refuse, type RefusalCtx } from "@tracemed/errors/refusal";

export { checkInput, refuse, refusing, type Refusal } from "@tracemed/errors/refusal";

/**
 * Runs a @tracemed/codes parser inside a transform: its value, or undefined after refusing with
 * `code` and the parser's own sentence (which names the field and the position), after `prefix`.
 */
export function codesRule<T>(ctx: RefusalCtx, code: DomainErrorCode, run: () => T, prefix?: string): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof CodesError)) throw e;
    refuse(ctx, code, `${prefix ? `${prefix}: ` : ""}${e.message}.`);
    return undefined;
  }
}

/**
 * Runs a domain reader (readPackKey, parseBatchId) inside a transform: its value, or undefined after
 * refusing with the DomainError it threw. The schema and the domain then refuse by one rule.
 */
export function domainRule<T>(ctx: RefusalCtx, run: () => T): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    refuse(ctx, e.code, e.message);
    return undefined;
  }
}
