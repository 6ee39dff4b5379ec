import assert from "node:assert/strict";
import { it } from "node:test";
import { cancelNoticeEnds, mayCompleteCancellation } from "./cancelNotice";

it("cancellation_completesOnlyAfterTheRecipients48HourNotice", () => {
  const requested = "2026-12-05T10:00:00.000Z";
  assert.equal(cancelNoticeEnds(requested).toISOString(), "2026-12-07T10:00:00.000Z");
  assert.equal(mayCompleteCancellation(requested, new Date("2026-12-07T09:59:59.000Z")), false);
  assert.equal(mayCompleteCancellation(requested, new Date("2026-12-07T10:00:00.000Z")), true);
  assert.equal(mayCompleteCancellation(null, new Date("2030-01-01T00:00:00.000Z")), false);
});
