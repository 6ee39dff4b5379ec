/**
 * CBV 2.0 values in the three forms partners send: bare (`"shipping"`, as EPCIS 2.0 JSON-LD writes them), the
 * EPCIS 1.x URN (`urn:epcglobal:cbv:bizstep:shipping`) and the web URI (`https://ref.gs1.org/cbv/BizStep-shipping`).
 */
const FORMS = [
  /^urn:epcglobal:cbv:(?:bizstep|disp|btt|sdt|er):(.+)$/,
  /^https?:\/\/ref\.gs1\.org\/cbv\/(?:BizStep|Disp|BTT|SDT|ER)-(.+)$/,
];

/** The bare CBV value of any of its forms; other values (a company's own URI) unchanged. */
export function bareCbv(value: string): string {
  for (const re of FORMS) {
    const m = re.exec(value.trim());
    if (m) return m[1]!;
  }
  return value.trim();
}
