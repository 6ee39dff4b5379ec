import type { Locale } from "../locales";
import { common } from "./common";
import { custody } from "./custody";

/**
 * Every message of the app, by locale. To add an area: create `messages/<area>.ts` exporting
 * `{ en, "zh-CN" }` (zh-CN typed `Shape<typeof en>`) and add it here under its own key.
 */
const catalogue = {
  en: { common: common.en, custody: custody.en },
  "zh-CN": { common: common["zh-CN"], custody: custody["zh-CN"] },
} satisfies Record<Locale, unknown>;

export type Messages = (typeof catalogue)["en"];

export function messagesFor(locale: Locale): Messages {
  return catalogue[locale] as Messages;
}
