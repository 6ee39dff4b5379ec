/**
 * The council page's list, read from the rows the indexer projects (CouncilOperation, Member, Organisation,
 * Batch, Product) in a real embedded database: each operation in words, with its proposer's organisation.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { custodyLedgerAbi, PERMIT } from "@tracemed/chain";
import { openDatabase } from "@tracemed/indexer/testing";
import { encodeFunctionData, type Hex } from "viem";
import { messagesFor } from "@/lib/i18n/messages";
import { councilOperations } from "./operations";

const LEDGER = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const REGULATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"; // the regulator's id (founding admin)
const OFFICER = "0x976ea74026e726554db657fa54763abd0c3a0aa9"; // another member of the regulator
const MAKER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const OTHER_REGULATOR = "0x90f79bf6eb2c4f870365e785982e1f101e93b906"; // another regulator (its founding admin)
const BATCH = `0x${"12".repeat(32)}` as const;

describe("the council's operations as its page lists them", () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;

  before(async () => {
    database = await openDatabase("embedded PGlite", 4);
    const db = database.db;
    const now = new Date();
    const org = (account: string, name: string, roles: number, gln: string) =>
      db.organisation.create({
        data: { account, name, roles, gln, country: "DE", onboardedAt: now, updatedAt: now },
      });
    await org(REGULATOR, "Bundesinstitut für Arzneimittel", 1, "4001234000107");
    await org(MAKER, "Alpenwerk Pharma GmbH", 2, "4001234000039");
    await org(OTHER_REGULATOR, "National Medical Products Administration", 1, "6901234000016");
    for (const [account, organisation] of [
      [OFFICER, REGULATOR],
      [OTHER_REGULATOR, OTHER_REGULATOR],
    ] as const) {
      await db.member.create({
        data: { account, organisation, permissions: PERMIT.ADMIN | PERMIT.REGULATE, updatedAt: now },
      });
    }
    await db.product.create({
      data: {
        gtin: "04001234000019",
        name: "Amoxicillin",
        strength: "500 mg",
        dosageForm: "capsule",
        packSize: "20",
        manufacturerAccount: MAKER,
      },
    });
    await db.batch.create({
      data: {
        id: BATCH,
        gtin: "04001234000019",
        lot: "A24-117",
        expiresAt: new Date("2028-01-31T23:59:59Z"),
        packCount: 10,
        packsRoot: `0x${"00".repeat(32)}`,
        manufacturerAccount: MAKER,
        status: "active",
        registeredAt: now,
        registeredBlock: 1n,
        registeredTx: `0x${"01".repeat(32)}`,
      },
    });
    const op = (
      n: number,
      data: Hex,
      status: "scheduled" | "executed" | "cancelled",
      schedule: Date,
      executedByQuorum = false,
    ) =>
      db.councilOperation.create({
        data: {
          id: `0x${String(n).repeat(64)}`,
          nonce: 1,
          caller: OFFICER,
          target: LEDGER,
          data,
          selector: data.slice(0, 10),
          schedule,
          status,
          scheduledAt: now,
          scheduledBlock: BigInt(n),
          scheduledTx: `0x${String(n).repeat(64)}`,
          ...(status === "scheduled" ? {} : { closedAt: now, closedBy: OTHER_REGULATOR, executedByQuorum }),
        },
      });
    await op(
      1,
      encodeFunctionData({ abi: custodyLedgerAbi, functionName: "suspend", args: [MAKER] }),
      "cancelled",
      new Date(now.getTime() - 60_000),
    );
    await op(
      2,
      encodeFunctionData({ abi: custodyLedgerAbi, functionName: "recall", args: [BATCH, "Sterility failure"] }),
      "scheduled",
      new Date(now.getTime() + 3_600_000),
    );
    // Reinstated at once: the other regulator's approval completed the quorum of two.
    await op(
      3,
      encodeFunctionData({ abi: custodyLedgerAbi, functionName: "reinstate", args: [MAKER] }),
      "executed",
      new Date(now.getTime() - 120_000),
      true,
    );
    const approval = (n: number, nonce: number) =>
      db.councilApproval.create({
        data: {
          operationId: `0x${String(n).repeat(64)}`,
          nonce,
          approver: OTHER_REGULATOR,
          approvedAt: now,
          tx: `0x${"ab".repeat(32)}`,
        },
      });
    await approval(3, 1);
    await approval(2, 0); // an approval of an earlier scheduling of the recall is not this one's
  });
  after(async () => database?.stop());

  it("councilOperations_namesWhatEachDoes_whoProposedIt_andWhenItMayRun_newestFirst", async () => {
    const ops = (await councilOperations(database.db, messagesFor("en"), LEDGER)).filter((o) => !o.executedByQuorum);
    assert.deepEqual(
      ops.map((o) => [o.what, o.status, o.caller, o.callerOrganisation]),
      [
        [
          "Recall lot A24-117 of Amoxicillin 500 mg (“Sterility failure”)",
          "scheduled",
          OFFICER,
          "Bundesinstitut für Arzneimittel",
        ],
        ["Suspend Alpenwerk Pharma GmbH", "cancelled", OFFICER, "Bundesinstitut für Arzneimittel"],
      ],
    );
    assert.ok(new Date(ops[0]!.readyAt).getTime() > Date.now(), "still waiting");
    // Who closed an operation: the history says which regulator cancelled the suspension.
    assert.deepEqual(
      ops.map((o) => [o.closedBy, o.closedByOrganisation]),
      [
        [null, null],
        [OTHER_REGULATOR, "National Medical Products Administration"],
      ],
    );
    const zh = await councilOperations(database.db, messagesFor("zh-CN"), LEDGER);
    assert.equal(zh[0]!.what, "召回 Amoxicillin 500 mg 批号 A24-117（“Sterility failure”）");
  });

  it("councilOperations_countsApprovals_proposerFirst_andSaysWhichWereExecutedByApproval", async () => {
    const ops = await councilOperations(database.db, messagesFor("en"), LEDGER);
    const [recall, reinstate] = [ops.find((o) => o.what.startsWith("Recall")), ops.find((o) => o.executedByQuorum)];
    // The pending recall: only its proposer so far (1 of 2); the approval of its earlier scheduling does not count.
    assert.deepEqual(recall?.approvals, [{ account: OFFICER, organisation: "Bundesinstitut für Arzneimittel" }]);
    assert.equal(recall?.executedByQuorum, false);
    assert.equal(reinstate?.what, "Reinstate Alpenwerk Pharma GmbH");
    assert.equal(reinstate?.status, "executed");
    assert.deepEqual(reinstate?.approvals, [
      { account: OFFICER, organisation: "Bundesinstitut für Arzneimittel" },
      { account: OTHER_REGULATOR, organisation: "National Medical Products Administration" },
    ]);
    assert.equal(ops.find((o) => o.what.startsWith("Suspend"))?.executedByQuorum, false);
  });
});
