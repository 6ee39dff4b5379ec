import { aiSpec, matchAi, type AiSpec } from "./ai";
import { pairingProblem } from "./aiPairs";
import { checkAiValue } from "./aiValue";
import { describeChar } from "./cset82";
import { at, ElementStringError, type CodesErrorCode } from "./errors";
import { assertAiValue, packElements, toGs1Data, type Gs1Data, type Gs1Element, type PackIdentity } from "./gs1Data";
import { invertCase, swapYZ } from "./keyboardLayout";
import { normalizeCommon, spliceTracked, type Repair, type TrackedText } from "./normalizeInput";
import { stripSymbology } from "./symbology";

/** ASCII 29, the group separator that stands for FNC1 after a variable-length field. */
export const GS = "\x1d";

/** One way of reading the input: its elements and what had to be repaired for it. */
export interface Gs1Reading extends Gs1Data {
  repairs: Repair[];
}

export interface ParsedElementString extends Gs1Reading {
  /** "element-string" (raw, as a DataMatrix holds it) or "bracketed" (human-readable "(01)...") */
  format: "element-string" | "bracketed";
  /** the symbology identifier that prefixed the input, e.g. "]d2" (GS1 DataMatrix), "]C1" (GS1-128) */
  symbology?: string;
  /**
   * Other valid readings of the same input, best first: where a separator may be missing, or the
   * input may have gone through a QWERTZ keyboard (Y/Z swapped) or Caps Lock. A lookup that finds
   * nothing for the main reading should try these before reporting an unknown pack.
   */
  alternatives: Gs1Reading[];
}

export interface ElementStringOptions {
  /** AIs the reading must contain (e.g. ["01", "21"] for a pack); readings without them are discarded */
  require?: readonly string[];
  /** year against which two-digit years are resolved (default: this year) */
  referenceYear?: number;
  /**
   * AIs before which a missing separator may be assumed (default: REPAIR_BEFORE, the AIs found on
   * pharma packs). Assuming one before any AI at all makes rare AIs such as 241 split ordinary lots.
   */
  repairBefore?: readonly string[];
}

/** The AIs that identify a pack under EU FMD and US DSCSA. */
export const PACK_AIS = ["01", "17", "10", "21"] as const;

/** AIs printed on medicine packs and their cases: where a lost separator is looked for. */
export const REPAIR_BEFORE = [
  "00",
  "01",
  "02",
  "10",
  "11",
  "17",
  "21",
  "22",
  "30",
  "37",
  "710",
  "711",
  "712",
  "713",
  "714",
  "715",
  "716",
  "7003",
] as const;

// Renderings of FNC1/GS that scanners and people produce instead of ASCII 29.
const SEPARATOR_RENDERINGS = /<GS>|\[GS\]|\{GS\}|<FNC1>|\[FNC1\]|\{FNC1\}|\\x1d|\\u001d|\\035|\^\]|\u241d|\||\t/gi;
const MAX_CANDIDATES = 8;

interface Candidate {
  elements: Array<{ spec: AiSpec; value: string; start: number }>;
  /** text positions where a missing separator was assumed */
  insertions: number[];
  covered: number;
}

interface Failure {
  position: number;
  code: CodesErrorCode;
  message: string;
  field: string;
}

function rankCompare(a: Candidate, b: Candidate): number {
  return b.covered - a.covered || a.insertions.length - b.insertions.length || b.elements.length - a.elements.length;
}

function sameReading(a: Candidate, b: Candidate): boolean {
  return (
    a.elements.length === b.elements.length &&
    a.elements.every((e, i) => e.spec.ai === b.elements[i]!.spec.ai && e.value === b.elements[i]!.value)
  );
}

/** Reads the raw form: AIs back to back, GS after variable-length fields. */
class RawReader {
  private readonly memo = new Map<number, Candidate[]>();
  failure: Failure | undefined;

  constructor(
    private readonly text: string,
    private readonly required: ReadonlySet<string>,
    private readonly referenceYear: number | undefined,
    private readonly repairBefore: ReadonlySet<string>,
  ) {}

  fail(position: number, code: CodesErrorCode, message: string, field: string): void {
    if (!this.failure || position >= this.failure.position) this.failure = { position, code, message, field };
  }

  read(pos: number): Candidate[] {
    const cached = this.memo.get(pos);
    if (cached) return cached;
    const result = this.readUncached(pos);
    this.memo.set(pos, result);
    return result;
  }

  private readUncached(pos: number): Candidate[] {
    const { text } = this;
    if (pos >= text.length) return [{ elements: [], insertions: [], covered: 0 }];
    if (text[pos] === GS) return this.read(pos + 1); // a doubled or needless separator is harmless
    const spec = matchAi(text, pos);
    if (!spec) {
      const digits = /^[0-9]*/.exec(text.slice(pos, pos + 4))![0];
      if (digits.length >= 2)
        this.fail(pos, "unknown-ai", `unknown application identifier ${digits}`, "application identifier");
      else {
        const bad = pos + digits.length;
        this.fail(
          bad,
          "invalid-character",
          `expected an application identifier (2 to 4 digits), found ${describeChar(text[bad])}`,
          "application identifier",
        );
      }
      return [];
    }
    const valueStart = pos + spec.ai.length;
    let runEnd = text.indexOf(GS, valueStart);
    if (runEnd < 0) runEnd = text.length;

    const out: Candidate[] = [];
    if (spec.minLength === spec.maxLength) {
      const end = valueStart + spec.minLength;
      if (end > runEnd) {
        this.fail(
          runEnd,
          "invalid-length",
          `${spec.field} has ${runEnd - valueStart} characters; expected ${spec.minLength}`,
          spec.field,
        );
        return [];
      }
      if (!this.valid(spec, valueStart, end)) return [];
      let next = end;
      let insertion = false;
      if (next < text.length && text[next] === GS) next++;
      else if (next < text.length && !spec.predefined) insertion = true; // fixed length, so the boundary is certain
      this.extend(out, spec, valueStart, end, next, insertion);
    } else {
      const longest = Math.min(runEnd, valueStart + spec.maxLength);
      if (runEnd - valueStart > spec.maxLength) {
        this.fail(
          valueStart + spec.maxLength,
          "invalid-length",
          `${spec.field} runs past its ${spec.maxLength} characters and no application identifier fits the rest: a separator (GS) is missing or the value is too long`,
          spec.field,
        );
      }
      for (let end = longest; end >= valueStart + Math.max(1, spec.minLength); end--) {
        const natural = end === runEnd;
        if (!natural && !this.repairBefore.has(matchAi(text, end)?.ai ?? "")) continue;
        if (!this.valid(spec, valueStart, end)) continue;
        this.extend(out, spec, valueStart, end, natural && end < text.length ? end + 1 : end, !natural);
      }
    }
    out.sort(rankCompare);
    return out.slice(0, MAX_CANDIDATES);
  }

  private valid(spec: AiSpec, start: number, end: number): boolean {
    const problem = checkAiValue(spec, this.text.slice(start, end), this.referenceYear);
    if (problem) this.fail(start + problem.offset, problem.code, problem.message, spec.field);
    return !problem;
  }

  private extend(out: Candidate[], spec: AiSpec, start: number, end: number, next: number, insertion: boolean): void {
    const value = this.text.slice(start, end);
    for (const rest of this.read(next)) {
      const clash = rest.elements.find((e) => e.spec.ai === spec.ai && e.value !== value);
      if (clash) {
        this.fail(clash.start, "duplicate-ai", `${spec.field} appears twice with different values`, spec.field);
        continue;
      }
      const repeated = rest.elements.some((e) => e.spec.ai === spec.ai);
      out.push({
        elements: [{ spec, value, start: start - spec.ai.length }, ...rest.elements],
        insertions: insertion ? [end, ...rest.insertions] : rest.insertions,
        covered: rest.covered + (this.required.has(spec.ai) && !repeated ? 1 : 0),
      });
    }
  }
}

function stripPrefixAndSeparators(t: TrackedText): { t: TrackedText; symbology?: string } {
  const repairs: Repair[] = [];
  const modeRepairs: Repair[] = [];
  const stripped = stripSymbology(t);
  const sym = stripped.symbology;
  const symbology = sym?.id;
  if (sym?.content === "ean" || sym?.content === "add-on") {
    throw new ElementStringError(
      "unrecognised-format",
      `${sym.id} marks ${sym.carrier} data (a GTIN), not GS1 element strings (${at(t.rawIndex[0]!)})`,
      { field: "symbology identifier", position: t.rawIndex[0]! },
    );
  }
  if (sym?.content === "plain") {
    // A pack whose Data Matrix was encoded without FNC1 first: GS1 would call it plain text. The
    // reading is offered, and this repair says it is one, so a strict caller can refuse it.
    modeRepairs.push({
      kind: "symbology",
      position: t.rawIndex[0]!,
      message: `${sym.id} marks ${sym.carrier} data that is not in GS1 mode (no FNC1 first); read as GS1 element strings`,
    });
  }
  t = stripped.t;
  let out = t;
  // Replace renderings right to left so that earlier indices stay valid.
  const matches = [...t.text.matchAll(SEPARATOR_RENDERINGS)].reverse();
  for (const m of matches) {
    repairs.unshift({
      kind: "separator-rendering",
      position: t.rawIndex[m.index]!,
      message: `${m[0].length === 1 ? describeChar(m[0]) : `"${m[0]}"`} ${at(t.rawIndex[m.index]!)} read as a GS separator`,
    });
    out = spliceTracked(out, m.index, m.index + m[0].length, GS);
  }
  while (out.text.startsWith(GS)) out = spliceTracked(out, 0, 1, ""); // FNC1 in first position
  return { t: { ...out, repairs: [...out.repairs, ...modeRepairs, ...repairs] }, ...(symbology ? { symbology } : {}) };
}

function toReading(t: TrackedText, c: Candidate): Gs1Reading {
  const elements: Gs1Element[] = c.elements.map((e) => ({
    ai: e.spec.ai,
    value: e.value,
    position: t.rawIndex[e.start]!,
  }));
  const inserted: Repair[] = c.insertions.map((p) => {
    const next = c.elements.find((e) => e.start === p);
    return {
      kind: "separator-inserted",
      position: t.rawIndex[p]!,
      message: `missing separator (GS) ${at(t.rawIndex[p]!)} inserted before ${next ? next.spec.field : "the next field"}`,
    };
  });
  return { ...toGs1Data(elements), repairs: [...t.repairs, ...inserted] };
}

/** Readings with Y/Z swapped or the case inverted, where that changes an alphanumeric value. */
function keyboardVariants(reading: Gs1Reading, referenceYear: number | undefined): Gs1Reading[] {
  const variants: Gs1Reading[] = [];
  for (const [transform, message] of [
    [swapYZ, "Y and Z swapped, as typed through a German QWERTZ keyboard"],
    [invertCase, "upper and lower case inverted, as typed with Caps Lock on"],
  ] as const) {
    let changed = false;
    const elements = reading.elements.map((e) => {
      const spec = aiSpec(e.ai)!;
      if (!spec.components.some((c) => c.type === "X")) return e;
      const value = transform(e.value);
      if (value !== e.value) changed = true;
      return { ...e, value };
    });
    if (!changed) continue;
    const ok = elements.every((e) => !checkAiValue(aiSpec(e.ai)!, e.value, referenceYear));
    if (!ok) continue;
    const first = elements.find((e, i) => e.value !== reading.elements[i]!.value)!;
    variants.push({
      ...toGs1Data(elements),
      repairs: [...reading.repairs, { kind: "keyboard-layout", position: first.position, message }],
    });
  }
  return variants;
}

function readBracketed(t: TrackedText, options: ElementStringOptions): Candidate[] {
  const text = t.text;
  const marks = [...text.matchAll(/\s*\(([0-9]{2,4})\)\s*/g)].filter((m) => aiSpec(m[1]!) !== undefined);
  if (marks.length === 0 || marks[0]!.index !== 0) {
    throw new ElementStringError("unknown-ai", `expected "(AI)" ${at(t.rawIndex[0]!)}`, {
      field: "application identifier",
      position: t.rawIndex[0]!,
    });
  }
  const elements: Candidate["elements"] = [];
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i]!;
    const spec = aiSpec(m[1]!)!;
    const start = m.index + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    const value = text.slice(start, end);
    const problem = checkAiValue(spec, value, options.referenceYear);
    if (problem) {
      const position = t.rawIndex[start + Math.min(problem.offset, value.length)]!;
      throw new ElementStringError(problem.code, `${problem.message} (${at(position)})`, {
        field: spec.field,
        position,
      });
    }
    const clash = elements.find((e) => e.spec.ai === spec.ai && e.value !== value);
    if (clash) {
      const position = t.rawIndex[m.index]!;
      throw new ElementStringError(
        "duplicate-ai",
        `${spec.field} appears twice with different values (${at(position)})`,
        { field: spec.field, position },
      );
    }
    elements.push({ spec, value, start: m.index + m[0].indexOf("(") });
  }
  return [{ elements, insertions: [], covered: 0 }];
}

/**
 * Reads a GS1 element string as scanners deliver it: with or without a symbology identifier
 * (`]d2`, `]C1`, `]Q3`), FNC1 as ASCII 29 or as a common rendering of it (`<GS>`, `|`, Tab, `␝`),
 * or in the human-readable bracketed form `(01)09521234543213(10)ABC`. It repairs what it can
 * unambiguously: a missing separator before a following AI, full-width characters, a French or
 * German keyboard layout (when the input carries that layout's tell-tale characters), and lists
 * every repair in `repairs`. Other plausible readings are in `alternatives`.
 * @throws ElementStringError naming the field and the position (0-based, in the raw input)
 */
export function parseElementString(input: string, options: ElementStringOptions = {}): ParsedElementString {
  const common = normalizeCommon(input);
  const required = new Set(options.require ?? []);
  const bracketed = /^\(\d{2,4}\)/.test(common.text);

  let t: TrackedText = common;
  let symbology: string | undefined;
  let candidates: Candidate[];
  if (bracketed) {
    candidates = readBracketed(t, options);
  } else {
    const stripped = stripPrefixAndSeparators(common);
    t = stripped.t;
    symbology = stripped.symbology;
    if (t.text.length === 0)
      throw new ElementStringError("empty-input", "element string is empty", { position: t.rawIndex[0]! });
    const reader = new RawReader(
      t.text,
      required,
      options.referenceYear,
      new Set(options.repairBefore ?? REPAIR_BEFORE),
    );
    candidates = reader.read(0);
    if (candidates.length === 0) {
      const f = reader.failure ?? {
        position: 0,
        code: "unrecognised-format" as const,
        message: "not a GS1 element string",
        field: "element string",
      };
      const position = t.rawIndex[Math.min(f.position, t.text.length)]!;
      throw new ElementStringError(f.code, `${f.message} (${at(position)})`, { field: f.field, position });
    }
  }
  for (const c of candidates)
    c.covered = new Set(c.elements.map((e) => e.spec.ai).filter((ai) => required.has(ai))).size;
  candidates.sort(rankCompare);
  // A reading that breaks GS1's pairing rules (a serial without its GTIN, a contained GTIN without
  // its count, ...) is not what a conformant code holds: prefer the readings that keep them.
  const paired = candidates.filter((c) => !pairingProblem(c.elements.map((e) => e.spec.ai)));
  if (paired.length === 0) {
    const c = candidates[0]!;
    const problem = pairingProblem(c.elements.map((e) => e.spec.ai))!;
    const e = c.elements.find((x) => x.spec.ai === problem.ai)!;
    const position = t.rawIndex[e.start]!;
    throw new ElementStringError(problem.code, `${problem.message} (${at(position)})`, {
      field: e.spec.field,
      position,
    });
  }
  candidates = paired;

  const best = candidates[0]!;
  if (best.covered < required.size) {
    const present = new Set(best.elements.map((e) => e.spec.ai));
    const missing = [...required].filter((ai) => !present.has(ai));
    const field = aiSpec(missing[0]!)?.field ?? missing[0]!;
    const position = t.rawIndex[t.text.length]!;
    throw new ElementStringError("missing-ai", `${field} is missing from the scan`, {
      field,
      position,
      details: { missing },
    });
  }
  const runnerUp = candidates[1];
  if (runnerUp && rankCompare(best, runnerUp) === 0 && !sameReading(best, runnerUp)) {
    const i = best.elements.findIndex(
      (e, k) => e.spec.ai !== runnerUp.elements[k]?.spec.ai || e.value !== runnerUp.elements[k]?.value,
    );
    const e = best.elements[Math.max(0, i)]!;
    const position = t.rawIndex[e.start]!;
    throw new ElementStringError(
      "ambiguous",
      `${e.spec.field} ${at(position)} can be read in more than one way: a separator (GS) is missing and its place cannot be told`,
      {
        field: e.spec.field,
        position,
        details: {
          readings: candidates
            .filter((c) => rankCompare(c, best) === 0)
            .map((c) => c.elements.map((x) => `(${x.spec.ai})${x.value}`).join("")),
        },
      },
    );
  }
  const main = toReading(t, best);
  const others = candidates
    .slice(1)
    .filter((c) => c.covered === required.size && !sameReading(c, best))
    .map((c) => toReading(t, c));
  const alternatives = [...others, ...keyboardVariants(main, options.referenceYear)];
  return {
    ...main,
    format: bracketed ? "bracketed" : "element-string",
    ...(symbology ? { symbology } : {}),
    alternatives,
  };
}

export interface BuildElementStringOptions {
  /** prefix the symbology identifier of GS1 DataMatrix, "]d2" (default false) */
  symbologyIdentifier?: boolean;
  /** what to write for FNC1 between fields (default ASCII 29) */
  separator?: string;
}

/**
 * Builds the raw element string of a list of AIs (or of a pack identity), validating every
 * value: predefined-length AIs need no separator, every other field but the last is followed by GS.
 * @throws ElementStringError naming the field that does not fit its AI
 */
export function buildElementString(
  elements: ReadonlyArray<{ ai: string; value: string }> | PackIdentity,
  options: BuildElementStringOptions = {},
): string {
  const list = Array.isArray(elements) ? elements : packElements(elements as PackIdentity);
  const separator = options.separator ?? GS;
  let out = options.symbologyIdentifier ? "]d2" : "";
  list.forEach((e, i) => {
    assertAiValue(e.ai, e.value);
    out += e.ai + e.value;
    if (i < list.length - 1 && !aiSpec(e.ai)!.predefined) out += separator;
  });
  return out;
}

/** The human-readable form "(01)09521234543213(17)261231(10)ABC(21)123", as printed under a code. */
export function buildBracketed(elements: ReadonlyArray<{ ai: string; value: string }> | PackIdentity): string {
  const list = Array.isArray(elements) ? elements : packElements(elements as PackIdentity);
  return list
    .map((e) => {
      assertAiValue(e.ai, e.value);
      return `(${e.ai})${e.value}`;
    })
    .join("");
}
