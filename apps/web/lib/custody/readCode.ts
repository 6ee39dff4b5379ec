/** One reading of a scanned code for staff desks and the consumer's pages (@tracemed/consumer/readCode). */
export {
  CodeReadError,
  readCode,
  readPackCode,
  readShipmentCode,
  type CodeRefusal,
  type PackCode,
  type ShipmentCode,
} from "@tracemed/consumer/readCode";
