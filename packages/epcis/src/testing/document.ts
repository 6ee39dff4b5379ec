/**
 * An EPCIS 2.0 document shaped like the official examples (gs1/EPCIS JSON-simple-context, Example_9.6.1 and
 * 9.6.3): a lot commissioned, its packs packed into a case (SSCC), the case shipped to a distributor with its
 * lot quantity, and received there (the SSCC as an EPC URI). For tests and the capture benchmark.
 */
export const CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"];
export const GTIN = "09506000134352";
export const MAKER_GLN = "9506000000015";
export const DISTRIBUTOR_GLN = "9506000000022";
export const CASE_SSCC = "095060000000000015";

export interface JourneyOptions {
  gtin?: string;
  lot?: string;
  serials?: string[];
  makerGln?: string;
  distributorGln?: string;
  caseSscc?: string;
  start?: Date;
}

/** The SSCC as an EPC URI, with a 7-digit company prefix (any split reads back to the same 18 digits). */
export const ssccUrn = (sscc: string) => `urn:epc:id:sscc:${sscc.slice(1, 8)}.${sscc[0]}${sscc.slice(8, 17)}`;

/** The EPCIS 2.0 document shell around `eventList`. */
export const epcisDocument = (eventList: Record<string, unknown>[], creationDate = "2026-12-05T09:00:00Z") => ({
  "@context": CONTEXT,
  type: "EPCISDocument",
  schemaVersion: "2.0",
  creationDate,
  epcisBody: { eventList },
});

export function journeyDocument(options: JourneyOptions = {}) {
  const gtin = options.gtin ?? GTIN;
  const serials = options.serials ?? ["S1", "S2", "S3"];
  const lot = options.lot ?? "LOT1";
  const maker = options.makerGln ?? MAKER_GLN;
  const distributor = options.distributorGln ?? DISTRIBUTOR_GLN;
  const sscc = options.caseSscc ?? CASE_SSCC;
  const t0 = (options.start ?? new Date("2026-12-05T08:00:00Z")).getTime();
  const at = (minutes: number) => ({
    eventTime: new Date(t0 + minutes * 60_000).toISOString(),
    eventTimeZoneOffset: "+00:00",
  });
  const packs = serials.map((serial) => `https://id.gs1.org/01/${gtin}/21/${serial}`);
  const readPoint = (gln: string) => ({ readPoint: { id: `https://id.gs1.org/414/${gln}` } });
  return epcisDocument([
    {
      type: "ObjectEvent",
      ...at(0),
      epcList: packs,
      action: "ADD",
      bizStep: "commissioning",
      disposition: "active",
      ...readPoint(maker),
      ilmd: { "cbvmda:lotNumber": lot, "cbvmda:itemExpirationDate": "2028-12-31" },
    },
    {
      type: "AggregationEvent",
      ...at(10),
      parentID: `https://id.gs1.org/00/${sscc}`,
      childEPCs: packs,
      action: "ADD",
      bizStep: "packing",
      disposition: "in_progress",
      ...readPoint(maker),
    },
    {
      type: "ObjectEvent",
      ...at(20),
      epcList: [`https://id.gs1.org/00/${sscc}`],
      quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}/10/${lot}`, quantity: serials.length }],
      action: "OBSERVE",
      bizStep: "shipping",
      disposition: "in_transit",
      ...readPoint(maker),
      sourceList: [{ type: "owning_party", source: `https://id.gs1.org/417/${maker}` }],
      destinationList: [{ type: "owning_party", destination: `https://id.gs1.org/417/${distributor}` }],
    },
    {
      type: "ObjectEvent",
      ...at(40),
      epcList: [ssccUrn(sscc)],
      action: "OBSERVE",
      bizStep: "receiving",
      disposition: "in_progress",
      ...readPoint(distributor),
    },
  ]);
}

export const sgtin = (serial: string, gtin = GTIN) => `https://id.gs1.org/01/${gtin}/21/${serial}`;
