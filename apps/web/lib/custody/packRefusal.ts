/**
 * Why a pack or case cannot go into a new unit (`@tracemed/provenance/packing`), in the reader's words: the /pack
 * desk's sentence, and the capture job's for an EPCIS packing event. Browser-safe.
 */
import type { Refusal } from "@tracemed/provenance/packing";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

export type PackRefusalWords = Messages["custody"]["pack"]["refusals"];

export function packRefusalText(words: PackRefusalWords, r: Refusal): string {
  switch (r.reason) {
    case "in-unit":
      return fmt(words["in-unit"], { sscc: r.sscc });
    case "not-held":
      return fmt(words["not-held"], { loose: r.loose });
    case "unit-not-held":
      return fmt(words["unit-not-held"], { holder: r.holder ?? "" });
    case "unit-has-parent":
      return fmt(words["unit-has-parent"], { parent: r.parent });
    case "too-large":
      return fmt(words["too-large"], { max: r.max });
    default:
      return words[r.reason];
  }
}
