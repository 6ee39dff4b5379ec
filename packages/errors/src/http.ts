/**
 * What the apps' HTTP layers share (each keeps its own table of statuses): a refusal's details as the
 * headers HTTP has for them, and the refusal for a failure no code names.
 */
import { DomainError, type DomainErrorDetails } from "./index";

/** A refusal's details as HTTP headers: Retry-After, Allow. */
export function detailHeaders({ retryAfterSeconds, allow }: DomainErrorDetails): Record<string, string> {
  return {
    ...(retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) }),
    ...(allow === undefined ? {} : { allow }),
  };
}

/** What a client is told when a service fails in a way no code names: nothing of the failure itself. */
export const serviceUnavailable = () =>
  new DomainError("ServiceUnavailable", "The service cannot answer right now. Please try again shortly.", {
    retryAfterSeconds: 5,
  });
