import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DomainError, IDENTIFIER_ERROR_CODES, VERIFICATION_ERROR_CODES, type DomainErrorCode } from "@tracemed/errors";
import { connectivityCheck, verifyProductIdentifier, type LvmRequest, type LvmResponse } from "./lvm";
import { GTIN, useNetwork } from "@tracemed/provenance/testing/fixture";
import { yymmdd } from "@tracemed/provenance/provenance";

const RESPONDER = "6901234000016";
const CORR = "0f8e1c6a-1b2c-4d3e-8f90-a1b2c3d4e5f6";

/** Expiry (YYMMDD) and expiresAt of each lot, as registered. */
const lots = new Map<string, { exp: string; expiresAt: Date }>();
const n = useNetwork(async ({ w }) => {
  for (const b of await w.db.batch.findMany()) lots.set(b.lot, { exp: yymmdd(b.expiresAt), expiresAt: b.expiresAt });
});
/** A valid GLN that no organisation on the network has. */
const STRANGER = "9521234000990";

const ask = (req: Partial<LvmRequest>, now?: Date): Promise<LvmResponse> =>
  verifyProductIdentifier(
    n.w.db,
    {
      gtin: GTIN,
      lot: "L1",
      serial: "L1-S2",
      exp: lots.get(req.lot ?? "L1")?.exp ?? lots.get("L1")!.exp,
      reqGLN: n.w.orgs.pharmacy.gln,
      corrUUID: CORR,
      ...req,
    },
    { responderGLN: RESPONDER, ...(now ? { now } : {}) },
  );

async function rejectsWith(run: () => unknown, code: DomainErrorCode, message?: RegExp) {
  await assert.rejects(
    async () => run(),
    (e: unknown) => {
      assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
      assert.equal(e.code, code, e.message);
      if (message) assert.match(e.message, message);
      return true;
    },
  );
}

describe("verifyProductIdentifier", () => {
  it("answersAMatch_inTheLvmResponseShape", async () => {
    const now = new Date();
    const r = await ask({}, now);
    assert.deepEqual(r, {
      verificationTimestamp: now.toISOString(),
      responderGLN: RESPONDER,
      corrUUID: CORR,
      data: { verified: true },
    });
  });

  it("givesThePreciseNoMatchReason", async () => {
    const l1 = lots.get("L1")!.exp;
    const otherExp = l1 === "991231" ? "991230" : "991231";
    // Table: what was sent -> LVM answer.
    const cases: [Partial<LvmRequest>, LvmResponse["data"]][] = [
      [{ serial: "NO-SUCH-SERIAL" }, { verified: false, verificationFailureReason: "No_match_GTIN_Serial" }],
      // The serial exists, but under another GTIN it does not.
      [{ gtin: "04012345111118" }, { verified: false, verificationFailureReason: "No_match_GTIN_Serial" }],
      [
        { lot: "L9", exp: l1 },
        { verified: false, verificationFailureReason: "No_match_GTIN_Serial_Lot" },
      ],
      [{ exp: otherExp }, { verified: false, verificationFailureReason: "No_match_GTIN_Serial_Expiry" }],
      [
        { lot: "L9", exp: otherExp },
        { verified: false, verificationFailureReason: "No_match_GTIN_Serial_Lot_Expiry" },
      ],
      // A serial of lot L2 asked with lot L1: the lot does not match.
      [
        { serial: "L2-S1", exp: lots.get("L2")!.exp },
        { verified: false, verificationFailureReason: "No_match_GTIN_Serial_Lot" },
      ],
      [{}, { verified: true }],
      // GTIN-13 is the same GTIN.
      [{ gtin: GTIN.slice(1) }, { verified: true }],
    ];
    for (const [req, data] of cases) assert.deepEqual((await ask(req)).data, data, JSON.stringify(req));
  });

  it("matchesAnExpiryGivenAsEndOfMonth", async () => {
    const exp = lots.get("L1")!.exp;
    const d = lots.get("L1")!.expiresAt;
    const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    const endOfMonth = `${exp.slice(0, 4)}00`;
    const expected = d.getUTCDate() === lastDay ? { verified: true } : { verified: false };
    assert.equal((await ask({ exp: endOfMonth })).data.verified, expected.verified);
  });

  it("recalledMatch_isVerifiedWithRecalled", async () => {
    assert.deepEqual((await ask({ lot: "L2", serial: "L2-S0" })).data, { verified: true, additionalInfo: "Recalled" });
    assert.deepEqual((await ask({ lot: "L2", serial: "L2-S1", context: "dscsaSaleableReturn" })).data, {
      verified: true,
      additionalInfo: "Recalled",
    });
  });

  it("quarantinedMatch_isVerifiedWithSuspect", async () => {
    assert.deepEqual((await ask({ lot: "L3", serial: "L3-S1" })).data, { verified: true, additionalInfo: "Suspect" });
  });

  it("expiredMatch_isVerifiedWithExpired", async () => {
    const { expiresAt } = lots.get("L1")!;
    assert.deepEqual((await ask({}, new Date(expiresAt.getTime() + 1000))).data, {
      verified: true,
      additionalInfo: "Expired",
    });
    // The last second is still in date.
    assert.deepEqual((await ask({}, expiresAt)).data, { verified: true });
  });

  it("saleableReturnOfADispensedOrConsumerVerifiedPack_isNotForRedistribution", async () => {
    const ret = { context: "dscsaSaleableReturn" };
    const refused = { verified: false, verificationFailureReason: "Not_for_re-distribution" };
    assert.deepEqual((await ask({ serial: "L1-S0", ...ret })).data, refused, "dispensed to a patient");
    assert.deepEqual((await ask({ serial: "L1-S1", ...ret })).data, refused, "its PIN was scratched and checked");
    assert.deepEqual((await ask({ serial: "L1-S2", ...ret })).data, { verified: true });
    // Outside a return, the identifier itself is genuine.
    assert.deepEqual((await ask({ serial: "L1-S0" })).data, { verified: true });
  });

  it("echoesCorrUuid_orMakesOne", async () => {
    const r = await ask({ corrUUID: undefined });
    assert.match(r.corrUUID, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(r.verificationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("unknownRequestor_is401_suspendedIs403", async () => {
    await rejectsWith(() => ask({ reqGLN: STRANGER }), "RequestorUnknown", /9521234000990/);
    // Every onboarded organisation may ask; a suspended one may not.
    for (const who of ["maker", "distributor", "verifier", "regulator"] as const) {
      assert.equal((await ask({ reqGLN: n.w.orgs[who].gln })).data.verified, true, who);
    }
    await n.w.suspend(n.w.orgs.distributor.address);
    await n.w.sync();
    await rejectsWith(() => ask({ reqGLN: n.w.orgs.distributor.gln }), "RequestorSuspended");
    // The requestor is judged before anything about the pack is looked at.
    await rejectsWith(() => ask({ reqGLN: STRANGER, serial: "NO-SUCH-SERIAL" }), "RequestorUnknown");
  });

  it("refusesMalformedInput_withTheFieldsCode_sayingWhatIsWrong", async () => {
    const cases: [Partial<LvmRequest>, DomainErrorCode, RegExp][] = [
      [{ gtin: "09521234543214" }, "InvalidGtin", /check digit is 4, expected 3/],
      [{ gtin: "" }, "InvalidGtin", /0 digits/],
      [{ gtin: "0952123454321３" }, "InvalidGtin", /not a digit/],
      [{ lot: "L".repeat(21) }, "InvalidLot", /21 characters; expected 1 to 20/],
      [{ lot: "L 1" }, "InvalidLot", /not a GS1 character/],
      [{ serial: "" }, "InvalidSerial", /0 characters/],
      [{ serial: "S#1" }, "InvalidSerial", /'#'/],
      [{ exp: "" }, "MissingExpiry", /YYMMDD/],
      [{ exp: "261232" }, "InvalidExpiry", /expiry \(exp\): day 32 does not exist/],
      [{ exp: "261301" }, "InvalidExpiry", /month 13 does not exist/],
      [{ exp: "2612" }, "InvalidExpiry", /six digits/],
      [{ reqGLN: "9521234000991" }, "InvalidRequestorGln", /check digit/],
      [{ reqGLN: "abc" }, "InvalidRequestorGln", /not a digit/],
      [{ corrUUID: "not-a-uuid" }, "InvalidCorrUUID", /UUID/],
      [{ context: "dscsaSomethingElse" }, "UnsupportedContext", /dscsaSaleableReturn/],
    ];
    for (const [req, code, message] of cases) await rejectsWith(() => ask(req), code, message);
  });

  it("neverFailsWithAServerError_onArbitraryInput", async () => {
    // A refusal of the request (the web app answers each with a 4xx), never one of verification's outages.
    const outages: DomainErrorCode[] = ["StatusUnconfirmed", "PinCheckUnavailable"];
    const requestersFault: DomainErrorCode[] = [...IDENTIFIER_ERROR_CODES, ...VERIFICATION_ERROR_CODES].filter(
      (c) => !outages.includes(c),
    );
    const junk = ["", " ", "0", '\'; DROP TABLE "Pack";--', "%00", "\u0000", "💊", "x".repeat(5000), "0".repeat(14)];
    for (const gtin of [GTIN, ...junk]) {
      for (const value of junk) {
        for (const field of ["lot", "serial", "exp", "reqGLN", "corrUUID", "context"] as const) {
          try {
            await ask({ gtin, [field]: value });
          } catch (e) {
            assert.ok(e instanceof DomainError && requestersFault.includes(e.code), `${field}=${value}: ${String(e)}`);
          }
        }
      }
    }
  });
});

describe("LVM connectivity", () => {
  it("connectivityCheck_answersTheResponderGln", () => {
    assert.deepEqual(connectivityCheck(RESPONDER), { responderGLN: RESPONDER });
  });
});
