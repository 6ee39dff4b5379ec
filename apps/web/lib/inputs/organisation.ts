/**
 * An organisation's own details off the ledger (built by the members page's form; read by
 * PUT /api/organisation/profile): its name in Chinese, which Chinese readers see beside the ledger's name.
 */
import * as z from "zod/mini";
import { optionalText } from "./products";
import { refusing } from "./refusal";

/** The longest Chinese name kept (the ledger's own names are at most 128 UTF-8 bytes). */
export const MAX_NAME_ZH = 60;

/** PUT /api/organisation/profile: `nameZh` empty or left out removes it. */
export const organisationProfile = refusing(
  z.object({ nameZh: optionalText("Chinese name", MAX_NAME_ZH) }),
  "FieldCharacter",
  "Send the Chinese name as text.",
);
