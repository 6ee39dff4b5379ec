export { addressRefusal, urlRefusal, type AddressPolicy, type UrlRefusal } from "./address";
export { WebhookDispatcher, newId, type DispatcherConfig } from "./dispatcher";
export { concernedOrganisations, TOPIC_OF_EVENT } from "./match";
export { nextAttemptAfter, RETRY_DELAYS_SECONDS } from "./retry";
export { sealer, type Sealer } from "@tracemed/config/seal";
export { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader, verifySignature } from "./signing";
