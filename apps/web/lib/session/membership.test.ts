/**
 * A session belongs to a member: which organisation an account acts for, with which permissions, and the
 * refusal of a removed key, against a real (embedded) database as the indexer projects members.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PERMIT } from "@tracemed/chain";
import { DomainError } from "@tracemed/errors";
import { openDatabase } from "@tracemed/indexer/testing";
import { ERRORS } from "@/lib/errors";
import { memberOrganisation, memberRemovedRefusal, permissionRefusal, resolveMembership } from "./membership";

const PHARMACY = "0x90f79bf6eb2c4f870365e785982e1f101e93b906"; // the organisation id: its founding admin
const OPERATOR = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
const REMOVED = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc";
const ZERO = `0x${"0".repeat(40)}`;

describe("sessions of members", () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;

  before(async () => {
    database = await openDatabase("embedded PGlite", 4);
    const now = new Date();
    await database.db.organisation.create({
      data: {
        account: PHARMACY,
        name: "Kangning Pharmacy",
        roles: 8,
        gln: "6901234000023",
        country: "CN",
        onboardedAt: now,
        updatedAt: now,
      },
    });
    await database.db.member.createMany({
      data: [
        {
          account: PHARMACY,
          organisation: PHARMACY,
          permissions: PERMIT.ADMIN | PERMIT.SHIP | PERMIT.DISPENSE,
          updatedAt: now,
        },
        { account: OPERATOR, organisation: PHARMACY, permissions: PERMIT.SHIP, updatedAt: now },
      ],
    });
  });
  after(async () => database?.stop());

  it("resolveMembership_anOperatorActsForItsOrganisation_withItsOwnPermissions", async () => {
    const { membership, organisation } = await memberOrganisation(
      database.db,
      OPERATOR.toUpperCase().replace("0X", "0x"),
    );
    assert.deepEqual(membership, { organisation: PHARMACY, account: OPERATOR, permissions: PERMIT.SHIP });
    assert.equal(organisation?.account, PHARMACY, "the organisation's id, not the member's account");
    assert.equal(organisation?.name, "Kangning Pharmacy");
  });

  it("resolveMembership_aRemovedKeyIsNoMember_evenWhenTheIndexerHasNotSeenTheRemovalYet", async () => {
    // Removed and projected: the row is gone.
    assert.equal(await resolveMembership(database.db, REMOVED), null);
    // Removed on chain, the database behind: the ledger's word wins.
    const removedOnChain = async () => ({ organisation: ZERO as `0x${string}`, permissions: 0 });
    assert.equal(await resolveMembership(database.db, OPERATOR, removedOnChain), null);
    const { membership, organisation } = await memberOrganisation(database.db, OPERATOR, { member: removedOnChain });
    assert.equal(membership, null);
    assert.equal(organisation, null);
  });

  it("resolveMembership_aMemberAddedOnChainActsBeforeItIsIndexed_withTheLedgersPermissions", async () => {
    const addedOnChain = async () => ({ organisation: PHARMACY as `0x${string}`, permissions: PERMIT.DISPENSE });
    assert.deepEqual(await resolveMembership(database.db, REMOVED, addedOnChain), {
      organisation: PHARMACY,
      account: REMOVED,
      permissions: PERMIT.DISPENSE,
    });
    // Fresh data: no word from the ledger, the row stands.
    assert.equal((await resolveMembership(database.db, OPERATOR, async () => undefined))?.permissions, PERMIT.SHIP);
  });

  it("memberRemovedRefusal_isA403WithASentenceInBothLanguages", () => {
    const en = memberRemovedRefusal("en");
    const zh = memberRemovedRefusal("zh-CN");
    assert.ok(en instanceof DomainError);
    assert.equal(en.code, "MemberRemoved");
    assert.equal(ERRORS[en.code].status, 403);
    assert.match(en.message, /no longer a member .* an administrator removed it/);
    assert.match(zh.message, /管理员已将其移除/);
  });

  it("permissionRefusal_namesThePermissionTheMemberLacks_andNothingWhenItHoldsIt", () => {
    const operator = { permissions: PERMIT.SHIP };
    assert.equal(permissionRefusal(operator, "SHIP", "Kangning Pharmacy", "en"), null);
    const refused = permissionRefusal(operator, "DISPENSE", "Kangning Pharmacy", "en");
    assert.equal(refused?.code, "PermissionRequired");
    assert.equal(ERRORS.PermissionRequired.status, 403);
    assert.equal(
      refused?.message,
      "Your account may not do this for Kangning Pharmacy: it lacks the “dispense” permission. An administrator of Kangning Pharmacy can grant it on the Members page.",
    );
    assert.match(permissionRefusal(operator, "ADMIN", "康宁药房", "zh-CN")!.message, /缺少“管理成员”权限/);
  });
});
