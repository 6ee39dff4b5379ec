import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DomainError } from "@tracemed/errors";
import { ERRORS } from "@/lib/errors";
import { parseInput } from "@/lib/http";
import { rpcRequest } from "./rpc";
import { accepted, assertRefusals } from "./testing";

const call = (method: unknown, id = 1) => ({ jsonrpc: "2.0", id, method, params: [] });

describe("chain proxy request (POST /api/rpc)", () => {
  it("passes reads and signed transactions, one or a batch, with every field kept", () => {
    assert.deepEqual(accepted(rpcRequest, call("eth_chainId")), [call("eth_chainId")]);
    const batch = [call("eth_call", 1), call("eth_sendRawTransaction", 2)];
    assert.deepEqual(accepted(rpcRequest, batch), batch);
  });

  it("refuses a method that signs or changes the node with a 403", () => {
    for (const method of [
      "eth_sendTransaction",
      "eth_sign",
      "anvil_setBalance",
      "evm_revert",
      "debug_traceTransaction",
    ])
      assertRefusals(rpcRequest, [
        [call(method), "RpcMethodNotAllowed", 403, new RegExp(method)],
        [[call("eth_chainId"), call(method, 2)], "RpcMethodNotAllowed", 403],
      ]);
  });

  it("refuses malformed requests and batches over 50 with MalformedRpc", () => {
    assertRefusals(rpcRequest, [
      [[], "MalformedRpc", 400, /at most 50/],
      [Array.from({ length: 51 }, (_, i) => call("eth_chainId", i)), "MalformedRpc", 400, /at most 50/],
      [{ jsonrpc: "2.0", id: 1 }, "MalformedRpc", 400, /method is a string/],
      ["not json", "MalformedRpc", 400, /method is a string/],
      [null, "MalformedRpc", 400, /method is a string/],
      [call(7), "MalformedRpc", 400, /method is a string/],
    ]);
  });

  it("reaches a route as the API's error, with the rule's status and one sentence", () => {
    assert.throws(
      () => parseInput(rpcRequest, call("eth_sign")),
      (e: unknown) =>
        e instanceof DomainError &&
        ERRORS[e.code].status === 403 &&
        e.code === "RpcMethodNotAllowed" &&
        e.message === "The method eth_sign is not available here.",
    );
  });
});
