import type { Locale } from "@/lib/i18n/locales";
import { common } from "./common";
import { consumer } from "./consumer";
import { custody } from "./custody";
import { epcis } from "./epcis";
import { errors } from "./errors";
import { machine } from "./machine";
import { manufacturer } from "./manufacturer";
import { org } from "./org";
import { pages } from "./pages";
import { passkey } from "./passkey";
import { provenance } from "./provenance";
import { regulator } from "./regulator";
import { shell } from "./shell";

/**
 * Every message of the app, by locale. To add an area: create `messages/<area>.ts` exporting
 * `{ en, "zh-CN" }` (zh-CN typed `Shape<typeof en>`) and add it here under its own key.
 */
const catalogue = {
  en: {
    common: common.en,
    consumer: consumer.en,
    custody: custody.en,
    epcis: epcis.en,
    errors: errors.en,
    machine: machine.en,
    manufacturer: manufacturer.en,
    org: org.en,
    passkey: passkey.en,
    regulator: regulator.en,
    provenance: provenance.en,
    pages: pages.en,
    shell: shell.en,
  },
  "zh-CN": {
    common: common["zh-CN"],
    consumer: consumer["zh-CN"],
    custody: custody["zh-CN"],
    epcis: epcis["zh-CN"],
    errors: errors["zh-CN"],
    machine: machine["zh-CN"],
    manufacturer: manufacturer["zh-CN"],
    org: org["zh-CN"],
    passkey: passkey["zh-CN"],
    regulator: regulator["zh-CN"],
    provenance: provenance["zh-CN"],
    pages: pages["zh-CN"],
    shell: shell["zh-CN"],
  },
} satisfies Record<Locale, unknown>;

export type Messages = (typeof catalogue)["en"];

export function messagesFor(locale: Locale): Messages {
  return catalogue[locale] as Messages;
}
