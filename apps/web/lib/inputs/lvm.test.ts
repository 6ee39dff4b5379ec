import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { queryOf } from "@/lib/http";
import { lvmQuery } from "./lvm";
import { accepted, assertRefusals } from "./testing";

const GLN = "9521234000990";
const CORR = "0f8e1c6a-1b2c-4d3e-8f90-a1b2c3d4e5f6";

describe("LVM query (GET /api/lvm/01/{gtin}/10/{lot}/21/{serial})", () => {
  it("reads exp or AI 17, reqGLN, corrUUID and context", () => {
    assert.deepEqual(
      accepted(lvmQuery, { exp: "271122", reqGLN: GLN, corrUUID: CORR, linkType: "verificationService" }),
      { exp: "271122", reqGLN: GLN, corrUUID: CORR },
    );
    assert.deepEqual(
      accepted(lvmQuery, {
        17: "271122",
        reqGLN: "1",
        context: "dscsaSaleableReturn",
        linkType: "gs1:verificationService",
      }),
      { exp: "271122", reqGLN: "1", context: "dscsaSaleableReturn" },
    );
  });

  it("refuses other link types, conflicting expiries and anonymous requestors", () => {
    assertRefusals(lvmQuery, [
      [{ exp: "271122", reqGLN: "1", linkType: "gs1:pip" }, "UnsupportedLinkType"],
      [{ exp: "271122", 17: "271123", reqGLN: "1" }, "ConflictingExpiry"],
      [{ exp: "271122" }, "RequestorUnknown", 401],
      [{ exp: "271122", reqGLN: "" }, "RequestorUnknown", 401],
    ]);
  });

  it("reads a repeated parameter's first value, as URLSearchParams.get does", () => {
    const query = queryOf(new Request(`http://127.0.0.1/api/lvm?exp=271122&exp=991231&reqGLN=${GLN}&__proto__=x`));
    assert.deepEqual(accepted(lvmQuery, query), { exp: "271122", reqGLN: GLN });
  });
});
