import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accessManagerAbi, countryToBytes2, custodyLedgerAbi, ROLE } from "@tracemed/chain";
import { encodeFunctionData } from "viem";
import { messagesFor } from "@/lib/i18n/messages";
import { describeOperation, type OperationNames } from "./describe";

const LEDGER = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const COUNCIL = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
const ALPENWERK = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const BATCH = `0x${"ab".repeat(32)}` as const;
const names: OperationNames = {
  organisations: new Map([[ALPENWERK, "Alpenwerk Pharma GmbH"]]),
  batches: new Map([[BATCH, { lot: "A24-117", product: "Amoxicillin 500 mg" }]]),
};
const en = messagesFor("en");
const zh = messagesFor("zh-CN");
const onLedger = (data: `0x${string}`) => ({ target: LEDGER, data });

describe("council operations in words", () => {
  it("describeOperation_namesTheOrganisationASuspensionTargets_inBothLanguages", () => {
    const data = encodeFunctionData({ abi: custodyLedgerAbi, functionName: "suspend", args: [ALPENWERK] });
    assert.equal(describeOperation(en, onLedger(data), LEDGER, names), "Suspend Alpenwerk Pharma GmbH");
    assert.equal(describeOperation(zh, onLedger(data), LEDGER, names), "暂停 Alpenwerk Pharma GmbH");
  });

  it("describeOperation_namesPrefixesLotsAndProducts_andEveryCallOfAMulticall", () => {
    const prefixes = encodeFunctionData({
      abi: custodyLedgerAbi,
      functionName: "setCompanyPrefixes",
      args: [ALPENWERK, ["4001234"]],
    });
    const recallFor = (reason: string) =>
      encodeFunctionData({ abi: custodyLedgerAbi, functionName: "recall", args: [BATCH, reason] });
    const recall = recallFor("Contaminated");
    assert.equal(
      describeOperation(en, onLedger(prefixes), LEDGER, names),
      "Assign company prefixes 4001234 to Alpenwerk Pharma GmbH",
    );
    assert.equal(
      describeOperation(en, onLedger(recall), LEDGER, names),
      "Recall lot A24-117 of Amoxicillin 500 mg (“Contaminated”)",
    );
    assert.equal(
      describeOperation(en, onLedger(recallFor("Contaminated | 中文: 受污染")), LEDGER, names),
      "Recall lot A24-117 of Amoxicillin 500 mg (“Contaminated (受污染)”)",
    );
    const update = encodeFunctionData({
      abi: custodyLedgerAbi,
      functionName: "updateOrganisation",
      args: [ALPENWERK, ROLE.MANUFACTURER, 4001234000019n, countryToBytes2("DE"), "Alpenwerk Pharma AG"],
    });
    const both = encodeFunctionData({ abi: custodyLedgerAbi, functionName: "multicall", args: [[update, prefixes]] });
    assert.equal(
      describeOperation(en, onLedger(both), LEDGER, names),
      "Change Alpenwerk Pharma GmbH: name “Alpenwerk Pharma AG”, roles manufacturer, GLN 4001234000019, country DE; " +
        "Assign company prefixes 4001234 to Alpenwerk Pharma GmbH",
    );
  });

  it("describeOperation_readsCouncilMembershipChanges_andNamesAnUnknownCallByItsSelector", () => {
    const grant = encodeFunctionData({ abi: accessManagerAbi, functionName: "grantRole", args: [1n, ALPENWERK, 0] });
    assert.equal(
      describeOperation(en, { target: COUNCIL, data: grant }, LEDGER, names),
      "Add Alpenwerk Pharma GmbH to the council",
    );
    const unknownBatch = encodeFunctionData({
      abi: custodyLedgerAbi,
      functionName: "release",
      args: [`0x${"cd".repeat(32)}`],
    });
    assert.match(describeOperation(en, onLedger(unknownBatch), LEDGER, names), /^Release lot 0xcdcd.* of \?$/);
    assert.equal(
      describeOperation(en, { target: LEDGER, data: "0xdeadbeef" }, LEDGER, names),
      `Call 0xdeadbeef on ${LEDGER}`,
    );
  });
});
