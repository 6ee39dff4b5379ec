import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { accessManagerAbi, COUNCIL_ROLE, custodyLedgerAbi } from "@tracemed/chain";
import { MEMBERS, stopSharedPostgres, worldTestOn } from "@tracemed/indexer/testing";
import { encodeFunctionData } from "viem";
import { councilOperations } from "./council";

after(stopSharedPostgres);

describe("councilOperations", () => {
  const test = worldTestOn("embedded PGlite");

  test("listsProposalsPendingReadyAndCancelled_withTheLedgerCallTheyMake", { timeout: 120_000 }, async (w) => {
    const council = w.council();
    const suspend = encodeFunctionData({
      abi: custodyLedgerAbi,
      functionName: "suspend",
      args: [w.orgs.distributor.address],
    });
    const reinstate = encodeFunctionData({
      abi: custodyLedgerAbi,
      functionName: "reinstate",
      args: [w.orgs.pharmacy.address],
    });
    await w.wait(council.as("regulator").write.schedule([w.ledger.address, suspend, 0]));
    await w.wait(council.as("regulator").write.schedule([w.ledger.address, reinstate, 0]));
    await w.wait(council.as("regulator").write.cancel([w.orgs.regulator.address, w.ledger.address, reinstate]));
    // A seat on the council is proposed on the council itself.
    const seat = encodeFunctionData({
      abi: accessManagerAbi,
      functionName: "grantRole",
      args: [COUNCIL_ROLE, MEMBERS.makerClerk.address, council.delay],
    });
    await w.wait(council.as("regulator").write.schedule([w.ledger.council, seat, 0]));
    await w.sync();

    const now = new Date();
    const ops = await councilOperations(w.db, now);
    assert.deepEqual(
      ops.map((o) => [o.state, o.call?.functionName, o.call?.args, o.callerName]),
      [
        ["pending", "suspend", [w.orgs.distributor.address], "Regulator"],
        ["pending", "grantRole", ["1", MEMBERS.makerClerk.address, String(council.delay)], "Regulator"],
        ["cancelled", "reinstate", [w.orgs.pharmacy.address], "Regulator"],
      ],
    );
    const pending = ops[0]!;
    assert.ok(pending.secondsLeft > 0 && pending.secondsLeft <= council.delay, "the time left of the delay");
    assert.equal(ops.at(-1)!.secondsLeft, 0, "a closed proposal has no time left");
    // Once the delay is over the proposal is ready to execute.
    const later = new Date(Date.parse(pending.schedule) + 1_000);
    assert.equal((await councilOperations(w.db, later))[0]!.state, "ready");
  });
});
