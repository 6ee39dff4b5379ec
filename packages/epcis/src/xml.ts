/**
 * EPCIS XML (2.0, `urn:epcglobal:epcis:xsd:2`, and 1.2, `urn:epcglobal:epcis:xsd:1`) read into the EPCIS 2.0
 * JSON-LD form the capture pipeline takes, following the standard's XML/JSON mapping (EPCIS 2.0 section 9 and
 * GS1's XSL in gs1/EPCIS `XSL/convert-1.2-to-2.0.xsl`): 1.2's `extension` and `baseExtension` wrappers are
 * dissolved (TransformationEvent, quantityList, sourceList, destinationList, ilmd, eventID, errorDeclaration
 * move up), lists become arrays, CBV URNs their bare values, sensor attributes typed values, and user
 * extension elements keys `prefix:name` with their namespace in `@context`.
 *
 * The parser (saxes) is strict XML 1.0 with namespaces: anything not well-formed, an unbound prefix or an
 * undeclared entity is refused. A DOCTYPE may only name the root (`<!DOCTYPE x>`, as GS1's examples do): an
 * internal subset or an external DTD is refused before it is read, so no entity is ever expanded.
 */
import { DomainError } from "@tracemed/errors";
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from "saxes";
import officialSchema from "../schema/EPCIS-JSON-Schema.json";
import { bareCbv } from "./vocabulary";

/** The EPCIS XML namespaces this reader takes. */
export const EPCIS_XML_NAMESPACES = ["urn:epcglobal:epcis:xsd:2", "urn:epcglobal:epcis:xsd:1"] as const;

/** The EPCIS 2.0 JSON-LD context every converted document names first. */
const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
/** Namespaces the standard context already names: written with its prefix, without a context entry. */
const STANDARD_PREFIXES = new Map([
  ["urn:epcglobal:cbv:mda", "cbvmda"],
  ["urn:epcglobal:cbv:mda#", "cbvmda"],
  ["https://gs1.org/voc/", "gs1"],
]);
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const XMLNS = "http://www.w3.org/2000/xmlns/";
/** Deeper than any EPCIS document nests (user extensions included): refused rather than walked. */
const MAX_DEPTH = 64;

interface Element {
  uri: string;
  prefix: string;
  local: string;
  attributes: SaxesAttributeNS[];
  children: Element[];
  text: string;
}

const invalid = (sentence: string) => new DomainError("EpcisXmlInvalid", sentence);

/** The element tree of a document: strict, namespace-aware, no DTD, bounded depth. */
function parse(text: string): Element {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Element[] = [];
  let root: Element | null = null;
  parser.on("doctype", (doctype) => {
    if (/[[]|\bSYSTEM\b|\bPUBLIC\b/.test(doctype)) {
      throw invalid("The XML document declares a DTD or entities; EPCIS documents need neither: remove the DOCTYPE.");
    }
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    if (stack.length >= MAX_DEPTH) throw invalid(`The XML document nests deeper than ${MAX_DEPTH} elements.`);
    const element: Element = {
      uri: tag.uri,
      prefix: tag.prefix,
      local: tag.local,
      attributes: Object.values(tag.attributes),
      children: [],
      text: "",
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  const addText = (t: string) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => void stack.pop());
  parser.on("error", (error) => {
    throw invalid(`The body is not well-formed XML: ${error.message.replace(/^undefined:/, "line ")}.`);
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid(`The body is not well-formed XML: ${(error as Error).message}.`);
  }
  if (!root) throw invalid("The body is not well-formed XML: it has no root element.");
  return root;
}

const STANDARD = (e: Element, epcisNs: string) => e.uri === "" || e.uri === epcisNs;
const text = (e: Element) => e.text.trim();
const named = (e: Element, local: string) => e.children.filter((c) => c.local === local && c.uri === "");
const attr = (e: Element, local: string) => e.attributes.find((a) => a.local === local && a.uri === "")?.value;

const EVENT_TYPES = new Set([
  "ObjectEvent",
  "AggregationEvent",
  "TransactionEvent",
  "TransformationEvent",
  "AssociationEvent",
]);
const EPC_LISTS = new Set(["epcList", "childEPCs", "inputEPCList", "outputEPCList"]);
const QUANTITY_LISTS = new Set(["quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"]);
const TEXT_FIELDS = new Set([
  "eventTime",
  "recordTime",
  "eventTimeZoneOffset",
  "eventID",
  "action",
  "parentID",
  "transformationID",
  "declarationTime",
]);
/** The standard fields of an event (other unnamespaced elements are refused, or dropped in a wrapper). */
const EVENT_FIELDS = new Set([
  ...TEXT_FIELDS,
  ...EPC_LISTS,
  ...QUANTITY_LISTS,
  ...["bizStep", "disposition", "certificationInfo", "readPoint", "bizLocation", "bizTransactionList"],
  ...["sourceList", "destinationList", "persistentDisposition", "errorDeclaration", "sensorElementList", "ilmd"],
]);
/** The measurement and alert types the official schema names bare. */
const GS1_TERMS = {
  type: schemaTerms("measurementType"),
  exception: schemaTerms("sensorAlertType"),
};
function schemaTerms(definition: string): Set<string> {
  const d = (officialSchema.definitions as Record<string, { anyOf?: { enum?: string[] }[] }>)[definition];
  return new Set(d?.anyOf?.flatMap((a) => a.enum ?? []) ?? []);
}
/** The sensor report's numeric attributes (a decimal in XML, a number in JSON-LD). */
const NUMERIC_SENSOR_ATTRIBUTES = new Set(
  ["value", "sDev", "percRank", "percValue"].concat(["min", "max", "mean"].map((m) => `${m}Value`)),
);

/** Reads one document into its JSON-LD form; the namespaces of its user extensions collect in `prefixes`. */
class Converter {
  /** namespace URI -> the prefix its keys are written with */
  private readonly prefixes = new Map<string, string>();
  private readonly taken = new Set<string>(["epcis", "gs1", "cbvmda", "cbv", "xsd", "xsi", "rdfs", "owl"]);

  constructor(private readonly epcisNs: string) {}

  context(): unknown[] {
    const entries = [...this.prefixes].filter(([uri]) => !STANDARD_PREFIXES.has(uri));
    return [EPCIS_CONTEXT, ...entries.map(([uri, prefix]) => ({ [prefix]: uri }))];
  }

  /** `prefix:local` for a namespaced element or attribute, the prefix chosen once per namespace. */
  private key(n: { uri: string; prefix: string; local: string }): string {
    let prefix = STANDARD_PREFIXES.get(n.uri) ?? this.prefixes.get(n.uri);
    if (!prefix) {
      prefix = n.prefix && !this.taken.has(n.prefix) ? n.prefix : "";
      for (let i = 1; !prefix; i++) if (!this.taken.has(`ns${i}`)) prefix = `ns${i}`;
      this.taken.add(prefix);
    }
    this.prefixes.set(n.uri, prefix);
    return `${prefix}:${n.local}`;
  }

  /**
   * An element's children with the `extension` and `baseExtension` wrappers dissolved. Unnamespaced elements
   * inside a wrapper that this reader does not know are the older standards' reserved extension points: dropped.
   */
  private flat(e: Element, known: (local: string) => boolean, wrapped = false): Element[] {
    return e.children.flatMap((c) => {
      if (c.uri === "" && (c.local === "extension" || c.local === "baseExtension")) return this.flat(c, known, true);
      if (wrapped && c.uri === "" && !known(c.local)) return [];
      return [c];
    });
  }

  /** A user extension element's value: its text, or an object of its children (repeated names: arrays). */
  private extensionValue(e: Element): unknown {
    if (e.children.length === 0) return text(e);
    const out: Record<string, unknown> = {};
    for (const c of e.children) this.put(out, this.key(c), this.extensionValue(c));
    return out;
  }

  private put(out: Record<string, unknown>, key: string, value: unknown): void {
    if (!(key in out)) out[key] = value;
    else if (Array.isArray(out[key])) (out[key] as unknown[]).push(value);
    else out[key] = [out[key], value];
  }

  /** The namespaced children of an element (its user extensions) into `out`. */
  private extensions(children: Element[], out: Record<string, unknown>): void {
    for (const c of children)
      if (c.uri !== "" && c.uri !== this.epcisNs) this.put(out, this.key(c), this.extensionValue(c));
  }

  /** An element's attributes (xmlns and xsi left out), namespaced ones as extension keys. */
  private attributes(e: Element, value: (local: string, v: string) => unknown): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const a of e.attributes) {
      if (a.uri === XMLNS || a.uri === XSI) continue;
      if (a.uri === "") out[a.local] = value(a.local, a.value);
      else out[this.key(a)] = a.value;
    }
    return out;
  }

  private quantity(e: Element): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const c of e.children) {
      // xsi:nil="true" (1.2's and 2.0's "no quantity"): JSON-LD leaves the key out
      if (c.local === "quantity") {
        if (text(c) !== "") out.quantity = numeric(text(c));
      } else if (c.local === "epcClass" || c.local === "uom") out[c.local] = text(c);
    }
    return out;
  }

  private sensorElement(e: Element): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const children = this.flat(e, (l) => l === "sensorMetadata" || l === "sensorReport");
    const metadata = children.find((c) => c.uri === "" && c.local === "sensorMetadata");
    if (metadata) out.sensorMetadata = this.attributes(metadata, (_, v) => v);
    out.sensorReport = children
      .filter((c) => c.uri === "" && c.local === "sensorReport")
      .map((r) => this.attributes(r, sensorAttribute));
    this.extensions(children, out);
    return out;
  }

  private errorDeclaration(e: Element): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const children = this.flat(e, (l) => ["declarationTime", "reason", "correctiveEventIDs"].includes(l));
    for (const c of children) {
      if (c.uri !== "") continue;
      if (c.local === "declarationTime") out.declarationTime = text(c);
      else if (c.local === "reason") out.reason = bareCbv(text(c));
      else if (c.local === "correctiveEventIDs") out.correctiveEventIDs = named(c, "correctiveEventID").map(text);
    }
    this.extensions(children, out);
    return out;
  }

  /** One standard (unnamespaced) field of an event as its JSON-LD key and value; undefined: not a field. */
  private field(c: Element): unknown {
    const l = c.local;
    if (TEXT_FIELDS.has(l)) return text(c);
    if (l === "bizStep" || l === "disposition") return bareCbv(text(c));
    if (l === "certificationInfo") return text(c);
    if (EPC_LISTS.has(l)) return named(c, "epc").map(text);
    if (QUANTITY_LISTS.has(l)) return named(c, "quantityElement").map((q) => this.quantity(q));
    if (l === "readPoint" || l === "bizLocation") {
      const children = this.flat(c, (x) => x === "id");
      const out: Record<string, unknown> = {};
      const id = children.find((x) => x.uri === "" && x.local === "id");
      if (id) out.id = text(id);
      this.extensions(children, out);
      return out;
    }
    if (l === "bizTransactionList") return named(c, "bizTransaction").map((t) => typed(t, "bizTransaction"));
    if (l === "sourceList") return named(c, "source").map((t) => typed(t, "source"));
    if (l === "destinationList") return named(c, "destination").map((t) => typed(t, "destination"));
    if (l === "persistentDisposition") {
      const out: Record<string, unknown> = {};
      for (const k of ["set", "unset"]) {
        const values = named(c, k).map((x) => bareCbv(text(x)));
        if (values.length > 0) out[k] = values;
      }
      return out;
    }
    if (l === "errorDeclaration") return this.errorDeclaration(c);
    if (l === "sensorElementList") return named(c, "sensorElement").map((s) => this.sensorElement(s));
    if (l === "ilmd") {
      const out: Record<string, unknown> = {};
      this.extensions(
        this.flat(c, () => false),
        out,
      );
      return out;
    }
    return undefined;
  }

  event(e: Element): Record<string, unknown> {
    const out: Record<string, unknown> = { type: e.local };
    const children = this.flat(e, (l) => EVENT_FIELDS.has(l));
    for (const c of children) {
      if (c.uri !== "" && c.uri !== this.epcisNs) continue;
      const value = this.field(c);
      if (value === undefined) {
        throw invalid(
          `The ${e.local} has an element <${c.local}> that EPCIS does not define; extensions need a namespace.`,
        );
      }
      if (c.local === "certificationInfo" && out.certificationInfo !== undefined) {
        out.certificationInfo = [out.certificationInfo, value].flat();
      } else out[c.local] = value;
    }
    this.extensions(children, out);
    return out;
  }
}

function numeric(v: string): number | string {
  const n = Number(v);
  return v !== "" && Number.isFinite(n) ? n : v;
}

function sensorAttribute(local: string, v: string): unknown {
  if (NUMERIC_SENSOR_ATTRIBUTES.has(local)) return numeric(v);
  if (local === "booleanValue") return v === "true" ? true : v === "false" ? false : v;
  // GS1 Web Vocabulary terms: "gs1:Temperature" in XML, "Temperature" in JSON-LD where the schema names the term;
  // others stay compact IRIs (the same term for the event hash either way)
  if (local === "type" || local === "exception") {
    const term = v.replace(/^gs1:/, "");
    return GS1_TERMS[local].has(term) ? term : v;
  }
  return v;
}

/** A business transaction, source or destination: `{type, <key>: value}` with the type's bare CBV value. */
function typed(e: Element, key: string): Record<string, unknown> {
  const type = attr(e, "type");
  return { ...(type === undefined ? {} : { type: bareCbv(type) }), [key]: text(e) };
}

/**
 * The EPCIS 2.0 JSON-LD document of an EPCIS 2.0 or 1.2 XML document. What the XML does not say (a document
 * without events, a missing eventTime) is left for the JSON schema to refuse.
 * @throws DomainError EpcisXmlInvalid: not well-formed, a DTD, too deep, not an EPCISDocument, an unknown event
 */
export function xmlToJsonLd(xml: string): Record<string, unknown> {
  if (xml.trim() === "") throw invalid("The body is empty; send an EPCIS XML document (EPCISDocument).");
  const root = parse(xml);
  const epcisNs = (EPCIS_XML_NAMESPACES as readonly string[]).includes(root.uri) ? root.uri : null;
  if (root.local !== "EPCISDocument" || !epcisNs) {
    throw invalid(
      `The root element must be EPCISDocument in the namespace ${EPCIS_XML_NAMESPACES.join(" or ")}; it is <${root.local}>${root.uri ? ` in ${root.uri}` : ""}.`,
    );
  }
  const converter = new Converter(epcisNs);
  const body = root.children.find((c) => c.local === "EPCISBody" && STANDARD(c, epcisNs));
  const list = body?.children.find((c) => c.local === "EventList" && STANDARD(c, epcisNs));
  const events = list ? eventElements(list, epcisNs) : [];
  const eventList = events.map((e) => {
    if (!EVENT_TYPES.has(e.local)) {
      throw invalid(
        `EPCIS 2.0 has no ${e.local}; send ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent or AssociationEvent.`,
      );
    }
    return converter.event(e);
  });
  const creationDate = attr(root, "creationDate");
  return {
    "@context": converter.context(),
    type: "EPCISDocument",
    schemaVersion: "2.0",
    ...(creationDate === undefined ? {} : { creationDate }),
    epcisBody: { eventList },
  };
}

/** The events of an EventList: 1.2 puts TransformationEvent in `extension`, AssociationEvent one level deeper. */
function eventElements(list: Element, epcisNs: string): Element[] {
  return list.children.flatMap((c) => {
    if (!STANDARD(c, epcisNs)) return [];
    return c.local === "extension" ? eventElements(c, epcisNs) : [c];
  });
}
