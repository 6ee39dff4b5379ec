/**
 * An EPCIS 2.0 document shaped like the official examples (gs1/EPCIS JSON-simple-context, Example_9.6.1 and
 * 9.6.3): a lot commissioned, its packs packed into a case (SSCC), the case shipped to a distributor and
 * received there. For tests and the capture benchmark.
 */
export const CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"];
export const GTIN = "09506000134352";
export const MAKER_GLN = "9506000000015";
export const DISTRIBUTOR_GLN = "9506000000022";
export const CASE_SSCC = "095060000000000015";

export const sgtin = (serial: string) => `https://id.gs1.org/01/${GTIN}/21/${serial}`;

export function journeyDocument(options: { serials?: string[]; lot?: string; start?: Date } = {}) {
  const serials = options.serials ?? ["S1", "S2", "S3"];
  const lot = options.lot ?? "LOT1";
  const t0 = (options.start ?? new Date("2026-12-05T08:00:00Z")).getTime();
  const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
  const base = (minutes: number) => ({ eventTime: at(minutes), eventTimeZoneOffset: "+00:00" });
  return {
    "@context": CONTEXT,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: at(60),
    epcisBody: {
      eventList: [
        {
          type: "ObjectEvent",
          ...base(0),
          epcList: serials.map(sgtin),
          action: "ADD",
          bizStep: "commissioning",
          disposition: "active",
          readPoint: { id: `https://id.gs1.org/414/${MAKER_GLN}` },
          ilmd: { "cbvmda:lotNumber": lot, "cbvmda:itemExpirationDate": "2028-12-31" },
        },
        {
          type: "AggregationEvent",
          ...base(10),
          parentID: `https://id.gs1.org/00/${CASE_SSCC}`,
          childEPCs: serials.map(sgtin),
          action: "ADD",
          bizStep: "packing",
          disposition: "in_progress",
          readPoint: { id: `https://id.gs1.org/414/${MAKER_GLN}` },
        },
        {
          type: "ObjectEvent",
          ...base(20),
          epcList: [`https://id.gs1.org/00/${CASE_SSCC}`],
          action: "OBSERVE",
          bizStep: "shipping",
          disposition: "in_transit",
          readPoint: { id: `https://id.gs1.org/414/${MAKER_GLN}` },
          sourceList: [{ type: "owning_party", source: `https://id.gs1.org/417/${MAKER_GLN}` }],
          destinationList: [{ type: "owning_party", destination: `https://id.gs1.org/417/${DISTRIBUTOR_GLN}` }],
        },
        {
          type: "ObjectEvent",
          ...base(40),
          epcList: [`urn:epc:id:sscc:9506000.0000000001`],
          action: "OBSERVE",
          bizStep: "receiving",
          disposition: "in_progress",
          readPoint: { id: `https://id.gs1.org/414/${DISTRIBUTOR_GLN}` },
        },
      ] as Record<string, unknown>[],
    },
  };
}
