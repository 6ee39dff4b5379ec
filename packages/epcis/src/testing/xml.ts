/**
 * A commissioning written twice: as an EPCIS 1.2 XML document (URNs, CBV URNs, eventID in `baseExtension`, lot and
 * expiry in `ilmd` under `extension`, as the 1.2 standard's examples write them) and by hand as EPCIS 2.0 JSON-LD
 * (Digital Links, bare CBV values, `cbvmda:` keys). The same event: the same CBV 2.0 event hash.
 */
import { epcisDocument } from "./document";

export interface CommissioningOptions {
  gtin: string;
  lot: string;
  serials: string[];
  gln: string;
  eventTime?: string;
}

/** `urn:epc:id:sgtin:` of a GTIN-14 and a serial, read with a 7-digit company prefix. */
const sgtinUrn = (gtin: string, serial: string) =>
  `urn:epc:id:sgtin:${gtin.slice(1, 8)}.${gtin[0]}${gtin.slice(8, 13)}.${serial}`;
const sglnUrn = (gln: string) => `urn:epc:id:sgln:${gln.slice(0, 7)}.${gln.slice(7, 12)}.0`;

export function commissioningXml12(o: CommissioningOptions): string {
  const time = o.eventTime ?? "2026-12-05T10:00:00.000+01:00";
  const epcs = o.serials.map((s) => `          <epc>${sgtinUrn(o.gtin, s)}</epc>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:cbvmda="urn:epcglobal:cbv:mda"
    schemaVersion="1.2" creationDate="2026-12-05T10:05:00.0Z">
  <EPCISBody>
    <EventList>
      <ObjectEvent>
        <eventTime>${time}</eventTime>
        <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
        <baseExtension>
          <eventID>urn:uuid:6f1a2b3c-0000-4000-8000-000000000012</eventID>
        </baseExtension>
        <epcList>
${epcs}
        </epcList>
        <action>ADD</action>
        <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
        <disposition>urn:epcglobal:cbv:disp:active</disposition>
        <readPoint>
          <id>${sglnUrn(o.gln)}</id>
        </readPoint>
        <extension>
          <ilmd>
            <cbvmda:lotNumber>${o.lot}</cbvmda:lotNumber>
            <cbvmda:itemExpirationDate>2028-12-31</cbvmda:itemExpirationDate>
          </ilmd>
        </extension>
      </ObjectEvent>
    </EventList>
  </EPCISBody>
</epcis:EPCISDocument>
`;
}

export function commissioningJsonLd(o: CommissioningOptions) {
  return epcisDocument([
    {
      type: "ObjectEvent",
      eventTime: new Date(o.eventTime ?? "2026-12-05T10:00:00.000+01:00").toISOString(),
      eventTimeZoneOffset: "+01:00",
      epcList: o.serials.map((s) => `https://id.gs1.org/01/${o.gtin}/21/${s}`),
      action: "ADD",
      bizStep: "commissioning",
      disposition: "active",
      readPoint: { id: `https://id.gs1.org/414/${o.gln}` },
      ilmd: { "cbvmda:lotNumber": o.lot, "cbvmda:itemExpirationDate": "2028-12-31" },
    },
  ]);
}
