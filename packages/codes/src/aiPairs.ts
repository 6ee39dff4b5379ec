import { aiSpec } from "./ai";

/**
 * GS1's rules for AIs that one code must carry together, or must not (GS1 General Specifications
 * 4.13 and 4.14: mandatory associations and invalid pairs), for the AIs of this package's table.
 * Taken from the "req" and "ex" attributes of the GS1 Barcode Syntax Dictionary (release
 * 2026-01-27): each `req` entry is one rule that one of its AIs satisfies (AIs outside this
 * package's table, such as 03 or 8026, are kept so that messages name them); `ex` lists AIs, "n"
 * standing for any digit, that may not appear with it (an AI is never exclusive of itself).
 */
interface Pairing {
  req: readonly (readonly string[])[];
  ex: readonly string[];
}

const RULES = new Map<string, Pairing>();

function rule(ais: readonly string[], req: readonly string[], ex: readonly string[] = []): void {
  for (const ai of ais) RULES.set(ai, { req: req.map((r) => r.split(",")), ex });
}

const TRADE_ITEM = "01,02,03,8006,8026";
rule(["01"], [], ["255", "37"]);
rule(["02"], ["37"], ["01", "03"]);
rule(["10", "11", "13", "15", "16"], [TRADE_ITEM]);
rule(["12"], ["8020"]);
rule(["17"], ["01,02,03,255,8006,8026"]);
rule(["20", "240", "241", "242"], ["01,02,8006,8026"]);
rule(["21"], ["01,03,8006"], ["235"]);
rule(["22", "235", "710", "711", "712", "713", "714", "715", "716"], ["01"]);
rule(["250"], ["01,8006", "21"]);
rule(["251"], ["01,8006"]);
rule(["254"], ["414"]);
rule(["30", "7003"], ["01,02"]);
rule(["37"], ["00", "02,8026"]);
rule(["403"], ["00"]);
rule(["415"], ["8020"]);
rule(["420"], [], ["421"]);
rule(["421"], [], ["4307"]);
rule(["422"], ["01,02,8006,8026"], ["426"]);
rule(["8006"], [], ["01", "37"]);
rule(["8020"], ["415"]);
// Trade measures 31nn-36nn: one decimal position per measure; logistic measures go with an SSCC
// or a GTIN, the others with a GTIN or a contained GTIN (337n, kg per m², with a GTIN only).
const LOGISTIC = /^3(3[0-6]|4[0-9]|5[3-5]|6[23789])$/;
for (let p = 310; p <= 369; p++) {
  const prefix = String(p);
  const ais = [0, 1, 2, 3, 4, 5].map((d) => `${prefix}${d}`).filter((ai) => aiSpec(ai));
  rule(ais, [prefix === "337" ? "01" : LOGISTIC.test(prefix) ? "00,01" : "01,02"], [`${prefix}n`]);
}

const matches = (pattern: string, ai: string) =>
  pattern.length === ai.length && [...pattern].every((c, i) => c === ai[i] || (c === "n" && /[0-9]/.test(ai[i]!)));
const fieldOf = (ai: string) => aiSpec(ai)?.field ?? `AI ${ai}`;

export interface PairingProblem {
  /** the AI whose rule is broken */
  ai: string;
  code: "missing-ai" | "invalid-ai-pair";
  message: string;
}

/** The first GS1 pairing rule that the AIs of one code break, or undefined. */
export function pairingProblem(ais: readonly string[]): PairingProblem | undefined {
  const present = new Set(ais);
  for (const ai of ais) {
    const r = RULES.get(ai);
    if (!r) continue;
    for (const group of r.req) {
      if (!group.some((g) => present.has(g)))
        return { ai, code: "missing-ai", message: `${fieldOf(ai)} needs ${group.map(fieldOf).join(" or ")} with it` };
    }
    const other = ais.find((o) => o !== ai && r.ex.some((p) => matches(p, o)));
    if (other) return { ai, code: "invalid-ai-pair", message: `${fieldOf(ai)} cannot be used with ${fieldOf(other)}` };
  }
  return undefined;
}
