import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DomainError } from "@tracemed/errors";
import { errorAnswer, VERIFY_SERVICE_STATUS } from "./errors";

describe("the verification service's refusals", () => {
  it("answersWhatAClientSent_4xx_andOnlyItsOwnOutages_5xx", () => {
    const outages = ["PinCheckUnavailable", "StatusUnconfirmed", "WebAppUnavailable", "ServiceUnavailable"];
    for (const [code, status] of Object.entries(VERIFY_SERVICE_STATUS))
      assert.equal(status >= 500, outages.includes(code), `${code}: ${status}`);
    const answer = errorAnswer(new DomainError("TooManyChecks", "Too many checks.", { retryAfterSeconds: 7 }));
    assert.deepEqual(answer, {
      status: 429,
      headers: { "retry-after": "7" },
      body: JSON.stringify({ error: { code: "TooManyChecks", message: "Too many checks." } }),
    });
  });

  it("answerACodeItCannotMeet_orAnyOtherError_503_withoutAWordOfIt", () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      for (const error of [
        new DomainError("BatchExists", "Lot L1 is registered."),
        new Error("ECONNREFUSED db:5432"),
      ]) {
        const answer = errorAnswer(error);
        assert.equal(answer.status, 503);
        assert.equal(answer.headers["retry-after"], "5");
        assert.equal(JSON.parse(answer.body).error.code, "ServiceUnavailable");
        assert.doesNotMatch(answer.body, /L1|ECONNREFUSED/);
      }
    } finally {
      console.error = original;
    }
  });
});
