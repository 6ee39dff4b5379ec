import { buildDigitalLink, DEFAULT_RESOLVER } from "../digitalLink";
import { buildBracketed, buildElementString } from "../elementString";
import type { PrintablePack } from "../generateBatch";
import { formatPin } from "../pinFormat";

/**
 * CSV for serialization lines and industrial printers (RFC 4180: comma, CRLF, quotes doubled):
 * one row a pack with every value the printer's template needs. `gs1_element_string` writes FNC1
 * as `gsPlaceholder` (default "<GS>", which this package's scanner input reads back too; pass
 * "\x1d" for printers that take the raw separator); `gs1_hri` is the bracketed human-readable form
 * most DataMatrix encoders accept. The file holds PINs: treat it like the PINs themselves.
 */
export const CSV_COLUMNS = [
  "index",
  "gtin",
  "lot",
  "expiry",
  "serial",
  "pin",
  "digital_link",
  "gs1_element_string",
  "gs1_hri",
] as const;

export interface CsvOptions {
  base?: string;
  gsPlaceholder?: string;
}

function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The header line and one line a pack, each ending in CRLF. */
export function* packCsvLines(packs: Iterable<PrintablePack>, options: CsvOptions = {}): Generator<string> {
  const base = options.base ?? DEFAULT_RESOLVER;
  const gs = options.gsPlaceholder ?? "<GS>";
  yield CSV_COLUMNS.join(",") + "\r\n";
  for (const p of packs) {
    const id = { gtin: p.gtin, lot: p.lot, serial: p.serial, expiry: p.expiry };
    const row = [
      String(p.index),
      p.gtin,
      p.lot,
      p.expiry,
      p.serial,
      formatPin(p.pin),
      buildDigitalLink(id, { base }),
      buildElementString(id, { separator: gs }),
      buildBracketed(id),
    ];
    yield row.map(field).join(",") + "\r\n";
  }
}

/** Writes the CSV to a stream, waiting for it to drain (a million rows stay out of memory). */
export async function writePackCsv(
  packs: Iterable<PrintablePack>,
  out: NodeJS.WritableStream,
  options: CsvOptions = {},
): Promise<number> {
  let rows = -1;
  for (const line of packCsvLines(packs, options)) {
    rows++;
    if (!out.write(line)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise<void>((resolve, reject) => {
    out.once("error", reject);
    out.end(resolve);
  });
  return rows;
}
