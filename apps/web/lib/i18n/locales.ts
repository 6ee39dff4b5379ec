/** The app's languages: one implementation, shared with the consumer's pages (@tracemed/consumer). */
export {
  DEFAULT_LOCALE,
  LOCALE_COOKIE,
  LOCALES,
  fmt,
  isLocale,
  negotiateLocale,
  type Locale,
} from "@tracemed/consumer/locales";
