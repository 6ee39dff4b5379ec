/**
 * The refusals of apps/web's input schemas (lib/inputs): the shared core (@tracemed/errors/refusal)
 * and the bridge to the domain's readers (which carry @tracemed/codes' rules).
 */
import { DomainError } from "@tracemed/errors";
import { refuse, type RefusalCtx } from "@tracemed/errors/refusal";

export { checkInput, refuse, refusing, type Refusal } from "@tracemed/errors/refusal";

/**
 * Runs a domain reader (readPackKey, parseBatchId, or a codes parser through `validated`) inside a
 * transform: its value, or undefined after refusing with the DomainError it threw. The schema and
 * the domain then refuse by one rule.
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
