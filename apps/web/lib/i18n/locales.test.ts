import assert from "node:assert/strict";
import { test } from "node:test";
import { fmt } from "./locales";
import { messagesFor } from "./messages";

test("every English message has a Chinese translation that is not left in English", () => {
  const walk = (en: unknown, zh: unknown, path: string): string[] => {
    if (typeof en === "string") {
      if (typeof zh !== "string" || !zh.trim()) return [`${path} missing`];
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((x) => x[1]).sort();
      if (placeholders(en).join() !== placeholders(zh).join()) return [`${path} placeholders differ`];
      return [];
    }
    return Object.keys(en as object).flatMap((k) =>
      walk((en as Record<string, unknown>)[k], (zh as Record<string, unknown>)?.[k], `${path}.${k}`),
    );
  };
  assert.deepEqual(walk(messagesFor("en"), messagesFor("zh-CN"), "m"), []);
  assert.equal(fmt("Shipped {n} of {total}", { n: 3, total: 10n }), "Shipped 3 of 10");
  assert.equal(fmt("{missing}"), "{missing}");
  assert.equal(fmt("Dispensed {n|# pack|# packs}.", { n: 1 }), "Dispensed 1 pack.");
  assert.equal(fmt("Dispensed {n|# pack|# packs}.", { n: 3 }), "Dispensed 3 packs.");
});

test("every refusal the ledger can give has a Chinese sentence", async () => {
  const { custodyLedgerAbi, logisticUnitsAbi } = await import("@tracemed/chain");
  const { ledgerErrorCodesInChinese, localiseLedgerError } = await import("./ledgerErrors");
  const names = [...custodyLedgerAbi, ...logisticUnitsAbi].filter((x) => x.type === "error").map((x) => x.name);
  const have = new Set(ledgerErrorCodesInChinese());
  const domain = names.filter((n) => /^(Org|Batch|Custody|Pack|Intent|Unit)/.test(n));
  assert.ok(domain.length >= 63);
  assert.deepEqual(
    domain.filter((n) => !have.has(n)),
    [],
  );
  const args = [0n, 7n, 12n, 20n];
  assert.equal(
    localiseLedgerError("zh-CN", { code: "CustodyInsufficientStock", message: "x", args }),
    "您持有该批次 12 盒，少于所需的 20 盒。",
  );
  assert.equal(
    localiseLedgerError("en", { code: "CustodyInsufficientStock", message: "You hold 12", args }),
    "You hold 12",
  );
  // A passkey member's write refused for the organisation's relayed-write quota names its reset time, in UTC.
  assert.equal(
    localiseLedgerError("zh-CN", {
      code: "IntentQuotaExhausted",
      message: "x",
      args: ["0x0000000000000000000000000000000000000001", 1000, 1796774400n],
    }),
    "本机构今日的 1000 次代发写入已用完；00:00（UTC）后可继续。",
  );
});

test("a GTIN in a prefix refusal reads as its 14 digits, in both languages", async () => {
  const { custodyLedgerAbi, decodeLedgerRevert } = await import("@tracemed/chain");
  const { encodeErrorResult } = await import("viem");
  const { localiseLedgerError } = await import("./ledgerErrors");
  const maker = "0x1111111111111111111111111111111111111111";
  const data = encodeErrorResult({
    abi: custodyLedgerAbi,
    errorName: "OrgGtinNotAssigned",
    args: [6901234000017n, maker],
  });
  const refusal = decodeLedgerRevert(data)!;
  assert.equal(refusal.code, "OrgGtinNotAssigned");
  assert.match(refusal.message, /^The GTIN 06901234000017 is not under any of this manufacturer's company prefixes/);
  assert.match(localiseLedgerError("zh-CN", refusal), /^GTIN 06901234000017 不在/);
});

test("a refused character in a name, reason or lot reads as its code point or place, in both languages", async () => {
  const { custodyLedgerAbi, decodeLedgerRevert } = await import("@tracemed/chain");
  const { encodeErrorResult } = await import("viem");
  const { localiseLedgerError } = await import("./ledgerErrors");
  const refusal = (errorName: string, args: readonly unknown[]) =>
    decodeLedgerRevert(encodeErrorResult({ abi: custodyLedgerAbi, errorName, args } as never))!;
  const nul = refusal("CustodyInvalidReasonCharacter", [7n, 0]);
  assert.match(nul.message, /^The reason contains U\+0000: the ledger refuses control/);
  assert.match(localiseLedgerError("zh-CN", nul), /^原因含有 U\+0000：/);
  const bidi = refusal("OrgInvalidNameCharacter", [3n, 0x202e]);
  assert.match(bidi.message, /^The organisation name contains U\+202E:/);
  assert.match(localiseLedgerError("zh-CN", bidi), /^机构名称含有 U\+202E：/);
  const bytes = refusal("BatchInvalidReasonCharacter", [1n, 0xffffffff]);
  assert.match(bytes.message, /^The reason contains bytes that are not UTF-8:/);
  assert.match(localiseLedgerError("zh-CN", bytes), /^原因含有 非 UTF-8 字节：/);
  const lot = refusal("BatchInvalidLotCharacter", [3n, "0x20"]);
  assert.match(lot.message, /^Character 4 of the lot number is not allowed/);
  assert.match(localiseLedgerError("zh-CN", lot), /^批号第 4 个字符不允许使用/);
});

test("a case or pallet refusal names its SSCC with all 18 digits in both languages", async () => {
  const { describeLedgerError, logisticUnitsAbi } = await import("@tracemed/chain");
  const { localiseLedgerError } = await import("./ledgerErrors");
  const { BaseError, ContractFunctionRevertedError, encodeErrorResult } = await import("viem");
  // Extension digit 0: the number has 17 digits, the SSCC 18.
  const data = encodeErrorResult({
    abi: logisticUnitsAbi,
    errorName: "UnitHasParent",
    args: [6141411234567890n, 61414100000000013n],
  });
  const reverted = new ContractFunctionRevertedError({ abi: logisticUnitsAbi, data, functionName: "unpack" });
  const info = describeLedgerError(new BaseError("reverted", { cause: reverted }));
  assert.equal(info.message, "The case 006141411234567890 is on the pallet 061414100000000013: open the pallet first.");
  assert.equal(localiseLedgerError("zh-CN", info), "箱 006141411234567890 在托盘 061414100000000013 上：请先拆托。");
  const stock = { code: "UnitStockShort", message: "x", args: ["0x01", "0x02", 3n, 5n] };
  assert.equal(localiseLedgerError("zh-CN", stock), "您持有该批次 3 盒，少于装入的 5 盒。");
});
