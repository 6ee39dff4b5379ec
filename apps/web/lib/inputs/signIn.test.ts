import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { signInRequest } from "./signIn";
import { accepted, assertRefusals } from "./testing";

const signature = `0x${"ab".repeat(65)}`;

describe("sign-in request (POST /api/auth/sign-in)", () => {
  it("accepts a message and a hex signature", () => {
    assert.deepEqual(accepted(signInRequest, { message: "hello", signature }), { message: "hello", signature });
  });

  it("refuses every other shape with MalformedSignIn", () => {
    assertRefusals(signInRequest, [
      [null, "MalformedSignIn", 400, /message, signature/],
      [{}, "MalformedSignIn", 400, /4,096/],
      [{ message: 42, signature: "0x00" }, "MalformedSignIn", 400, /4,096/],
      [{ message: "x".repeat(5000), signature }, "MalformedSignIn", 400, /4,096/],
      [{ message: "hello", signature: "not hex" }, "MalformedSignIn", 400, /0x-prefixed hex/],
      [{ message: "hello", signature: "0x00" }, "MalformedSignIn", 400, /0x-prefixed hex/],
    ]);
  });
});
