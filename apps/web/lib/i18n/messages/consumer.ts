/** The consumer's words live with the consumer's pages (@tracemed/consumer); staff pages read verdicts and categories. */
export { consumer } from "@tracemed/consumer/messages";
