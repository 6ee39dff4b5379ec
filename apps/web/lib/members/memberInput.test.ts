import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PERMIT } from "@tracemed/chain";
import { checkMemberAddress, leavesNoAdmin } from "./memberInput";

const ADMIN = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const OPERATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const members = [
  { account: ADMIN, permissions: PERMIT.ADMIN | PERMIT.SHIP },
  { account: OPERATOR, permissions: PERMIT.SHIP },
];

describe("the members form's checks", () => {
  it("checkMemberAddress_takesAnAddressAsTypedInEitherCase_orByItsChecksum", () => {
    const fresh = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    assert.deepEqual(checkMemberAddress(fresh, members), { account: fresh.toLowerCase() });
    assert.deepEqual(checkMemberAddress(` ${fresh.toLowerCase()} `, members), { account: fresh.toLowerCase() });
    assert.deepEqual(checkMemberAddress(`0x${fresh.slice(2).toUpperCase()}`, members), {
      account: fresh.toLowerCase(),
    });
  });

  it("checkMemberAddress_refusesATypingErrorTheChecksumCatches_aShortAddress_theZeroAddress_andAMember", () => {
    // One capital moved: the checksum says it was mistyped.
    assert.deepEqual(checkMemberAddress("0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC", members), {
      problem: "checksum",
    });
    assert.deepEqual(checkMemberAddress("0x3c44cddd", members), { problem: "address" });
    assert.deepEqual(checkMemberAddress("3c44cdddb6a900fa2b585dd299e03d12fa4293bc", members), { problem: "address" });
    assert.deepEqual(checkMemberAddress(`0x${"0".repeat(40)}`, members), { problem: "zero" });
    assert.deepEqual(checkMemberAddress(OPERATOR.toUpperCase().replace("0X", "0x"), members), {
      problem: "already",
    });
  });

  it("leavesNoAdmin_refusesRemovingOrDemotingTheLastAdministrator_only", () => {
    assert.equal(leavesNoAdmin(members, ADMIN, 0), true);
    assert.equal(leavesNoAdmin(members, ADMIN, PERMIT.SHIP), true);
    assert.equal(leavesNoAdmin(members, ADMIN, PERMIT.ADMIN), false);
    assert.equal(leavesNoAdmin(members, OPERATOR, 0), false);
    const two = [...members, { account: "0x90f79bf6eb2c4f870365e785982e1f101e93b906", permissions: PERMIT.ADMIN }];
    assert.equal(leavesNoAdmin(two, ADMIN, 0), false);
  });
});
