"use client";
import { CodeReadError } from "@/lib/custody/readCode";
import type { Messages } from "@/lib/i18n/messages";

/** A sentence for a code that could not be used, with the codes package's detail where it helps. */
export function codeErrorText(m: Messages, error: unknown): { text: string; detail?: string } {
  const t = m.custody.code;
  if (!(error instanceof CodeReadError)) return { text: m.common.errors.unexpected };
  const text = {
    empty: t.empty,
    unreadable: t.unreadable,
    "not-gs1": t.notGs1,
    "product-only": t.productOnly,
    "china-code": t.chinaCode,
    "shipment-not-pack": t.shipmentNotPack,
    "pack-not-shipment": t.packNotShipment,
    "incomplete-pack": t.incompletePack,
  }[error.reason];
  return error.detail ? { text, detail: error.detail } : { text };
}
