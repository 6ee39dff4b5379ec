import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from "@tracemed/errors";
import { ERRORS, errorSentence } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { messagesFor } from "@/lib/i18n/messages";

describe("the API's error contract", () => {
  it("errorResponse_answersADomainError_withItsCodeAndMessage_andTheTablesStatus", async () => {
    const res = errorResponse(new DomainError("BatchExists", "Lot L1 of Paracetamol is already registered."));
    assert.equal(res.status, 409);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
    assert.deepEqual(await res.json(), {
      error: { code: "BatchExists", message: "Lot L1 of Paracetamol is already registered." },
    });
  });

  it("errorResponse_saysWhenToRetry_andWhichMethodsAreServed", async () => {
    const locked = errorResponse(new DomainError("PackLocked", "Locked.", { retryAfterSeconds: 3600 }));
    assert.equal(locked.status, 429);
    assert.equal(locked.headers.get("retry-after"), "3600");
    const method = errorResponse(new DomainError("MethodNotAllowed", "No.", { allow: "GET, POST" }));
    assert.equal(method.status, 405);
    assert.equal(method.headers.get("allow"), "GET, POST");
    assert.equal(method.headers.get("retry-after"), null);
  });

  it("errorResponse_answersAnyOtherError_503_withoutAWordOfIt", async () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      const leaks = [
        new Error('relation "Pack" does not exist at postgres://admin:secret@db'),
        new DomainError("NoSuchCode" as DomainErrorCode, "a code cast past the type checker: secret"),
      ];
      for (const error of leaks) {
        const res = errorResponse(error);
        assert.equal(res.status, 503);
        assert.equal(res.headers.get("retry-after"), "5");
        const text = await res.text();
        assert.doesNotMatch(text, /relation|postgres|secret|NoSuchCode/);
        assert.deepEqual(JSON.parse(text), {
          error: {
            code: "ServiceUnavailable",
            message: "The service cannot answer right now. Please try again shortly.",
          },
        });
      }
    } finally {
      console.error = original;
    }
  });

  it("answersTheStatusesClientsHaveAlwaysSeen", () => {
    // Pinned here since the domain packages' tests assert codes only (they know no HTTP).
    const seen: Record<number, DomainErrorCode[]> = {
      400: [
        "PinTypo",
        "InvalidGtin",
        "InvalidLot",
        "InvalidSerial",
        "InvalidBatchId",
        "MissingExpiry",
        "InvalidExpiry",
      ],
      401: ["SignInRequired", "RequestorUnknown", "SignInBadSignature"],
      403: ["NotAPartyOfBatch", "RequestorSuspended", "GtinOwnedByAnother", "GtinNotUnderPrefix", "NotYourBatch"],
      404: ["BatchNotFound", "PackNotFound", "ProductNotFound", "NotFound"],
      409: ["BatchExists", "RegistrationUnderWay", "ProductExists", "PackRecordsIncomplete"],
      429: ["PackLocked", "TooManyChecks", "TooManyReports", "TooManySignIns"],
      503: ["StatusUnconfirmed", "PinCheckUnavailable", "ServiceUnavailable"],
    };
    for (const [status, codes] of Object.entries(seen))
      for (const code of codes) assert.equal(ERRORS[code].status, Number(status), code);
  });

  it("everyCode_isARefusalOrAnOutage_andReadsAsASentenceInEachLanguage", () => {
    const en = messagesFor("en");
    const zh = messagesFor("zh-CN");
    for (const code of DOMAIN_ERROR_CODES) {
      const { status } = ERRORS[code];
      assert.ok((status >= 400 && status < 500) || [502, 503].includes(status), `${code}: ${status}`);
      for (const sentence of [errorSentence(en, code), errorSentence(zh, code)]) {
        assert.ok(typeof sentence === "string" && sentence.length > 3, `${code}: ${sentence}`);
        assert.doesNotMatch(sentence, /\{\w+/, `${code}: a page has no values for ${sentence}`);
      }
    }
    assert.equal(errorSentence(zh, "PinTypo"), zh.consumer.pin.errors.PinTypo);
    assert.equal(errorSentence(en, "NotACode"), en.common.errors.unexpected);
  });
});
