/**
 * The ledger refuses what no legitimate user sends: lots outside GS1 CSET 82, and names and reasons
 * that are not UTF-8 or hold control, bidirectional or invisible characters (contracts/libraries/Text.sol).
 * One table (@tracemed/codes/testing) runs against every entry point that takes such text, and the
 * same table holds the TypeScript rule the forms use (packages/codes/src/text.test.ts).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import {
  BaseError,
  decodeErrorResult,
  encodeAbiParameters,
  encodeDeployData,
  encodeFunctionData,
  getAddress,
  parseEventLogs,
  toFunctionSelector,
  toHex,
  type AbiFunction,
  type Address,
  type Hex,
} from "viem";
import { firstNonCset82, firstRefusedInUtf8 } from "@tracemed/codes";
import { ACCEPTED_TEXT, LOT_VECTORS, REFUSED_TEXT, type TextVector } from "@tracemed/codes/testing";
import { erc1967ProxyAbi, erc1967ProxyBytecode } from "@tracemed/chain";
import { addr, CN, deployWorld, gln, registerBatch, revertsSeen, ROLE, type World } from "./helpers/ledger.js";

let w: World;
let batchId: Hex;
before(async () => {
  w = await deployWorld();
  ({ batchId } = await registerBatch(w, w.maker, 8));
});

const bytesOf = (text: string | Uint8Array): Hex =>
  toHex(typeof text === "string" ? new TextEncoder().encode(text) : text);

/** What the ledger answers to an eth_call: "ok", or the custom error's name and arguments. */
type Answer = "ok" | { error: string; args: readonly unknown[] };

/**
 * Calls `functionName` with `text` (a string or raw bytes) at the string argument `textArg`. The
 * calldata is ABI-encoded with `bytes` in place of `string` (the two encode alike), so byte
 * sequences that are not UTF-8 reach the contract exactly as an attacker would send them.
 */
async function answer(
  functionName: string,
  args: readonly unknown[],
  textArg: number,
  text: string | Uint8Array,
  from: Address,
): Promise<Answer> {
  const fn = w.ledger.abi.find((x) => x.type === "function" && x.name === functionName) as AbiFunction;
  const inputs = fn.inputs.map((p) => (p.type === "string" ? { ...p, type: "bytes" } : p));
  const values = args.map((a, i) => (i === textArg ? bytesOf(text) : a));
  const data = (toFunctionSelector(fn) + encodeAbiParameters(inputs, values).slice(2)) as Hex;
  return callAnswer({ account: from, to: w.ledger.address, data });
}

async function callAnswer(request: { account: Address; to?: Address; data: Hex }): Promise<Answer> {
  try {
    await w.client.call(request);
    return "ok";
  } catch (e) {
    const raw = e instanceof BaseError ? e.walk((x) => typeof (x as { data?: unknown }).data === "string") : undefined;
    const revert = (raw as { data?: Hex } | undefined)?.data;
    assert.ok(revert, `no revert data: ${String((e as Error).message).slice(0, 300)}`);
    const decoded = decodeErrorResult({ abi: w.ledger.abi, data: revert });
    return { error: decoded.errorName, args: decoded.args ?? [] };
  }
}

/** Every entry point that takes a name or a reason, and the error it refuses bad text with. */
const ENTRY_POINTS: {
  name: string;
  error: string;
  call: (text: string | Uint8Array) => Promise<Answer>;
}[] = [
  {
    name: "onboard (organisation name)",
    error: "OrgInvalidNameCharacter",
    call: (t) =>
      answer("onboard", [getAddress(`0x${"ab".repeat(20)}`), ROLE.PHARMACY, gln(90), CN, ""], 4, t, addr(w.regulator)),
  },
  {
    name: "updateOrganisation (organisation name)",
    error: "OrgInvalidNameCharacter",
    call: (t) =>
      answer("updateOrganisation", [addr(w.pharmacy), ROLE.PHARMACY, gln(91), CN, ""], 4, t, w.deployment.council),
  },
  {
    name: "recall (reason)",
    error: "BatchInvalidReasonCharacter",
    call: (t) => answer("recall", [batchId, ""], 1, t, addr(w.maker)),
  },
  {
    name: "quarantine (reason)",
    error: "BatchInvalidReasonCharacter",
    call: (t) => answer("quarantine", [batchId, ""], 1, t, addr(w.regulator)),
  },
  {
    name: "writeOff (reason)",
    error: "CustodyInvalidReasonCharacter",
    call: (t) => answer("writeOff", [batchId, 1n, ""], 2, t, addr(w.maker)),
  },
];

const fitsIn = (v: TextVector, max: number) => bytesOf(v.text).length / 2 - 1 <= max;

for (const entry of ENTRY_POINTS) {
  const max = entry.error === "OrgInvalidNameCharacter" ? 128 : 512;
  describe(`${entry.name}: text rule`, () => {
    for (const v of REFUSED_TEXT.filter((v) => fitsIn(v, max))) {
      it(`refuses ${v.rule}, naming its byte offset and code point`, async () => {
        const got = await entry.call(v.text);
        assert.deepEqual(got, { error: entry.error, args: [BigInt(v.refused!.position), v.refused!.codePoint] });
        revertsSeen.add(entry.error);
      });
    }
    for (const v of ACCEPTED_TEXT.filter((v) => fitsIn(v, max))) {
      it(`accepts ${v.rule}`, async () => {
        assert.equal(await entry.call(v.text), "ok");
      });
    }
  });
}

describe("registerBatch: lots are GS1 CSET 82", () => {
  const register = async (lot: string) => {
    const expiresAt = Number((await w.networkHelpers.time.latest()) + 86_400);
    return answer(
      "registerBatch",
      [w.gtinOf(w.maker), "", expiresAt, 1, `0x${"11".repeat(32)}`],
      1,
      lot,
      addr(w.maker),
    );
  };
  for (const v of LOT_VECTORS) {
    if (v.refusedAt === undefined) {
      it(`accepts ${v.rule}`, async () => {
        assert.equal(await register(v.lot), "ok");
      });
    } else {
      it(`refuses ${v.rule}, naming its byte offset and the byte`, async () => {
        const byte = new TextEncoder().encode(v.lot)[v.refusedAt!]!;
        assert.deepEqual(await register(v.lot), {
          error: "BatchInvalidLotCharacter",
          args: [BigInt(v.refusedAt!), toHex(byte, { size: 1 })],
        });
        revertsSeen.add("BatchInvalidLotCharacter");
      });
    }
  }

  it("fuzz_theLedgerAndFirstNonCset82AgreeOnEveryLot", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
          minLength: 1,
          maxLength: 20,
        }),
        async (lot) => {
          if (new TextEncoder().encode(lot).length > 20) return;
          const bad = firstNonCset82(lot);
          const got = await register(lot);
          if (bad === -1) assert.equal(got, "ok");
          else assert.equal((got as { args: readonly unknown[] }).args[0], BigInt(bad));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("text rule: ledger and TypeScript agree", () => {
  it("fuzz_anyTextIsRefusedOrHoldsNoRefusedCodePoint_andTheLedgerAgreesWithTheForms", async () => {
    // Random bytes, and random strings encoded as UTF-8, so that both ill-formed and well-formed text
    // (with now and then a refused character) reach the contract.
    const text = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 40 }),
      fc.string({ unit: "binary", minLength: 1, maxLength: 40 }).map((s) => new TextEncoder().encode(s)),
    );
    await fc.assert(
      fc.asyncProperty(text, async (bytes) => {
        const expected = firstRefusedInUtf8(bytes);
        const got = await answer("recall", [batchId, ""], 1, bytes, addr(w.maker));
        if (expected === undefined) assert.equal(got, "ok");
        else
          assert.deepEqual(got, {
            error: "BatchInvalidReasonCharacter",
            args: [BigInt(expected.position), expected.codePoint],
          });
      }),
      { numRuns: 300 },
    );
  });
});

describe("text rule: what is stored", () => {
  it("onboard_storesAChineseNameByteForByte", async () => {
    const account = getAddress(`0x${"cd".repeat(20)}`);
    const name = "国药控股 Hüttenwerk & Söhne GmbH";
    await w.ledger.write.onboard([account, ROLE.PHARMACY, gln(92), CN, name], { account: w.regulator.account });
    assert.equal(await w.ledger.read.organisationName([account]), name);
  });

  it("writeOff_emitsTheReasonAsSent", async () => {
    const reason = "Packaging crushed 📦, 包装破损";
    const hash = await w.ledger.write.writeOff([batchId, 1n, reason], { account: w.maker.account });
    const receipt = await w.client.waitForTransactionReceipt({ hash });
    const [event] = parseEventLogs({ abi: w.ledger.abi, logs: receipt.logs, eventName: "StockDestroyed" });
    assert.equal(event?.args.reason, reason);
  });

  it("deploy_refusesARegulatorNameWithABidiOverride_andAcceptsAChineseOne", async () => {
    // The proxy's deployment runs initialize(), which onboards the first regulator.
    const implementation = (await w.viem.deployContract("CustodyLedger")).address;
    const deploy = (name: string) =>
      callAnswer({
        account: addr(w.regulator),
        data: encodeDeployData({
          abi: erc1967ProxyAbi,
          bytecode: erc1967ProxyBytecode,
          args: [
            implementation,
            encodeFunctionData({
              abi: w.ledger.abi,
              functionName: "initialize",
              args: [w.deployment.council, addr(w.regulator), gln(1), CN, name],
            }),
          ],
        }),
      });
    assert.deepEqual(await deploy("NMPA\u202e"), { error: "OrgInvalidNameCharacter", args: [4n, 0x202e] });
    assert.equal(await deploy("国家药品监督管理局"), "ok");
  });
});
