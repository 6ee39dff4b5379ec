import { buildDigitalLink, DEFAULT_RESOLVER } from "../digitalLink";
import { buildBracketed, buildElementString, GS } from "../elementString";
import type { PrintablePack } from "../generateBatch";
import { formatPin } from "../pinFormat";

/**
 * CSV for serialization lines and industrial printers (RFC 4180: comma, CRLF, quotes doubled):
 * a comment line naming the separator, the header, then one row a pack with every value the
 * printer's template needs. `gs1_element_string` is byte-exact: ASCII 29 (GS) after a
 * variable-length field that another follows, as the DataMatrix holds it (FNC1 first is the
 * encoder's job, so it is not in the value); `gsPlaceholder` writes an escape instead (e.g.
 * "<GS>" for software that cannot take a control character), and the comment line names it.
 * `gs1_hri` is the bracketed human-readable form most DataMatrix encoders accept. The file holds
 * PINs: treat it like the PINs themselves.
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

/** The comment line that names the separator in `gs1_element_string`. */
export function csvSeparatorComment(gsPlaceholder: string = GS): string {
  const named = gsPlaceholder === GS ? "ASCII 29 (GS, 0x1D)" : `"${gsPlaceholder}" (stands for ASCII 29, GS)`;
  return `# GS = ASCII 29; gs1_element_string separates fields with ${named}\r\n`;
}

/** The comment line, the header line and one line a pack, each ending in CRLF. */
export function* packCsvLines(packs: Iterable<PrintablePack>, options: CsvOptions = {}): Generator<string> {
  const base = options.base ?? DEFAULT_RESOLVER;
  const gs = options.gsPlaceholder ?? GS;
  yield csvSeparatorComment(gs);
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
  let rows = -2; // the comment and the header
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

/**
 * The serialization file read back (RFC 4180): one record a row, keyed by the header; the comment lines before the
 * header (the separator's "# GS = ASCII 29 ...") are skipped. What a line printer's software or a test reads.
 */
export function parsePackCsv(text: string): Record<string, string>[] {
  while (text.startsWith("#")) text = text.includes("\n") ? text.slice(text.indexOf("\n") + 1) : "";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") endCell();
    else if (c === "\n") endRow();
    else if (c === "\r") {
      if (text[i + 1] === "\n") i++;
      endRow();
    } else cell += c;
  }
  if (cell || row.length) endRow();
  const [header = [], ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ""])));
}
