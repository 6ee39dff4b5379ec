/**
 * POST /api/relay as Next.js calls it, on a real ledger and database: who may have an intent relayed, and what a
 * malformed body gets (a JSON 4xx, never a 5xx). The ledger's own checks of an intent are the contract tests'.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PERMIT, custodyLedgerAbi, logisticUnitsAbi } from "@tracemed/chain";
import { MEMBERS } from "@tracemed/indexer/testing";
import { ANVIL_MNEMONIC } from "@tracemed/chain/node";
import { encodeFunctionData, toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { callRoute, startAppWorld, useAppEnvironment } from "@/lib/testing/appRoutes";
import { SESSION_COOKIE, signSession } from "@/lib/session/token";
import { passkeyMember } from "./publicKey";
import { softPasskey } from "./testing";

const ORIGIN = "https://trace.example.org";
/** A funded account of the test chain that is no organisation's (the cast uses 0 to 8). */
const RELAYER = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 9 });

describe("the relayer of passkey members' intents", () => {
  let world: Awaited<ReturnType<typeof startAppWorld>>;
  const key = softPasskey(ORIGIN);
  const member = passkeyMember(key.qx, key.qy);
  const other = softPasskey(ORIGIN);

  before(async () => {
    useAppEnvironment({ RELAYER_PRIVATE_KEY: toHex(RELAYER.getHdKey().privateKey!) });
    world = await startAppWorld("relay");
    useAppEnvironment({ UNITS_ADDRESS: world.ledger.ledger.units! });
    const { ledger } = world;
    await ledger.wait(ledger.contract(ledger.cast.maker).write.addMember([member, PERMIT.ADMIN | PERMIT.SHIP]));
    await world.index();
    await world.database.db.passkey.create({
      data: {
        credentialId: key.id,
        member,
        organisation: ledger.cast.maker.address.toLowerCase(),
        label: "Chen Jie, warehouse",
        permissions: PERMIT.ADMIN | PERMIT.SHIP,
        publicKeyX: key.qx,
        publicKeyY: key.qy,
      },
    });
  });
  after(async () => world?.stop());

  const passkeyCookie = (account: `0x${string}`, credentialId: string) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { account, chainId: world.ledger.chainId, issuedAt: now, expiresAt: now + 3600 };
    const token = signSession({ ...claims, method: "passkey", credentialId }, Buffer.from(world.secret, "utf8"));
    return `${SESSION_COOKIE}=${token}`;
  };
  const intent = (over: Record<string, unknown> = {}) => ({
    call: "0x12345678",
    organisation: world.ledger.cast.maker.address,
    member,
    nonce: "0",
    deadline: Math.floor(Date.now() / 1000) + 600,
    auth: {
      r: `0x${"11".repeat(32)}`,
      s: `0x${"22".repeat(32)}`,
      challengeIndex: 23,
      typeIndex: 1,
      authenticatorData: `0x${"00".repeat(37)}`,
      clientDataJSON: '{"type":"webauthn.get"}',
    },
    ...over,
  });
  const relay = async (body: unknown, cookie?: string) => {
    const res = await callRoute("api/relay", "POST", { body, headers: cookie ? { cookie } : {} });
    return { status: res.status, error: ((await res.json()) as { error?: { code: string; message: string } }).error };
  };

  it("refusesAnyoneNotSignedIn", async () => {
    assert.deepEqual((await relay(intent())).status, 401);
    assert.equal((await relay(intent())).error?.code, "SignInRequired");
  });

  it("refusesAnIntentOfAnotherMemberOrKey_orFromAWalletSession", async () => {
    const cookie = passkeyCookie(member, key.id);
    // Another member's intent under this session.
    const theirs = await relay(intent({ member: passkeyMember(other.qx, other.qy) }), cookie);
    assert.deepEqual([theirs.status, theirs.error?.code], [403, "RelayMemberMismatch"]);
    // This member, but another key named beside it.
    const otherKey = await relay(intent({ qx: other.qx, qy: other.qy }), cookie);
    assert.deepEqual([otherKey.status, otherKey.error?.code], [403, "RelayMemberMismatch"]);
    // A wallet session (the maker's admin) has no passkey to relay for.
    const wallet = await relay(intent({ member: world.ledger.cast.maker.address }), world.cookie("maker"));
    assert.deepEqual([wallet.status, wallet.error?.code], [403, "RelayMemberMismatch"]);
  });

  it("refusesMalformedBodiesWithAJson4xx", async () => {
    const cookie = passkeyCookie(member, key.id);
    for (const body of [
      {},
      intent({ call: "0x12" }),
      intent({ member: "0x1234" }),
      intent({ nonce: "-1" }),
      intent({ deadline: 2 ** 48 }),
      intent({ auth: { r: "0x11" } }),
      intent({ qx: "0xzz" }),
      "a string",
    ]) {
      const { status, error } = await relay(body, cookie);
      assert.ok(status >= 400 && status < 500, `${status} for ${JSON.stringify(body)}`);
      assert.equal(typeof error?.message, "string");
    }
    const res = await callRoute("api/relay", "POST", {
      body: new TextEncoder().encode("{not json"),
      headers: { cookie, "content-type": "application/json" },
    });
    assert.equal(res.status, 400);
  });

  it("refusesAnIntentTheLedgerWouldRefuse_beforeSpendingGas", async () => {
    // A forged signature: the simulation refuses it and nothing is sent.
    const sent = () => world.ledger.client.getTransactionCount({ address: RELAYER.address });
    const before = await sent();
    const { status, error } = await relay(intent(), passkeyCookie(member, key.id));
    assert.ok(status === 422, `${status} ${JSON.stringify(error)}`);
    assert.equal(error?.code, "RelayRefused");
    assert.equal(await sent(), before, "the relayer sent nothing");
  });

  /**
   * `call` signed by the passkey as the browser does, as the body of POST /api/relay to `target` (with its next nonce
   * there), for the contract `signedFor` (`target` unless a test says otherwise).
   */
  const signed = async (call: `0x${string}`, target: "ledger" | "units" = "ledger", signedFor = target) => {
    const { ledger } = world;
    const at = (t: "ledger" | "units") => (t === "units" ? ledger.ledger.units! : ledger.ledger.address);
    const nonce = await ledger.client.readContract({
      address: at(target),
      abi: target === "units" ? logisticUnitsAbi : custodyLedgerAbi,
      functionName: "intentNonce",
      args: [member],
    });
    // On the chain's clock (the quota test moves it a day on).
    const deadline = Number((await ledger.client.getBlock()).timestamp) + 600;
    const organisation = ledger.cast.maker.address;
    const [, , , , , , auth] = key.key.signIntent({
      chainId: ledger.chainId,
      ledger: at(signedFor),
      organisation,
      call,
      nonce,
      deadline,
    });
    return {
      target,
      call,
      organisation,
      member,
      nonce: nonce.toString(),
      deadline,
      auth: { ...auth, challengeIndex: auth.challengeIndex.toString(), typeIndex: auth.typeIndex.toString() },
    };
  };
  const addClerk = encodeFunctionData({
    abi: custodyLedgerAbi,
    functionName: "addMember",
    args: [MEMBERS.makerClerk.address, PERMIT.SHIP],
  });

  it("sendsTheSignedIntent_andTheLedgerNamesThePasskeyMember_notTheRelayer", async () => {
    const res = await callRoute("api/relay", "POST", {
      body: await signed(addClerk),
      headers: { cookie: passkeyCookie(member, key.id) },
    });
    const body = (await res.json()) as { hash: string; block: string };
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.match(body.hash, /^0x[0-9a-f]{64}$/);
    await world.index();
    const clerk = await world.database.db.member.findUniqueOrThrow({
      where: { account: MEMBERS.makerClerk.address.toLowerCase() },
    });
    assert.equal(clerk.addedBy, member, "the member who signed, not the relayer");
    // The same signed intent again: its nonce is spent, the simulation refuses it and nothing is sent.
    const again = await relay(
      await signed(addClerk).then((b) => ({ ...b, nonce: "0" })),
      passkeyCookie(member, key.id),
    );
    assert.deepEqual([again.status, again.error?.code], [422, "RelayRefused"]);
  });

  it("sendsAUnitsIntentToLogisticUnits_whichRefusesItInItsOwnWords", async () => {
    const cookie = passkeyCookie(member, key.id);
    const sscc = 95212340000000017n;
    const unpack = encodeFunctionData({
      abi: logisticUnitsAbi,
      functionName: "unpack",
      args: [sscc, { batchId: `0x${"00".repeat(32)}`, from: world.ledger.cast.maker.address, quantity: 0n }],
    });
    // Signed for LogisticUnits: its simulation answers with its own refusal (no such unit), localised.
    const unknown = await relay(await signed(unpack, "units"), cookie);
    assert.deepEqual([unknown.status, unknown.error?.code], [422, "RelayRefused"]);
    assert.equal(unknown.error?.message, `No case or pallet has the SSCC ${sscc.toString().padStart(18, "0")}.`);
    // Signed for the ledger but sent to LogisticUnits: another domain, so the signature does not match there.
    const forLedger = await relay(await signed(unpack, "units", "ledger"), cookie);
    assert.deepEqual([forLedger.status, forLedger.error?.code], [422, "RelayRefused"]);
    assert.match(forLedger.error!.message, /signature/i);
    const zh = await callRoute("api/relay", "POST", {
      body: await signed(unpack, "units", "ledger"),
      headers: { cookie, "accept-language": "zh-CN" },
    });
    assert.match(((await zh.json()) as { error: { message: string } }).error.message, /通行密钥的签名/);
    const odd = await relay({ ...(await signed(unpack, "units")), target: "pallets" }, cookie);
    assert.equal(odd.status, 400);
  });

  it("refusesAUnitsIntentOnANetworkWithoutLogisticUnits", async () => {
    const { relayIntent } = await import("./relay");
    const refused = await relayIntent(
      { publicClient: world.ledger.client, wallet: null as never, ledger: world.ledger.ledger.address, units: null },
      { account: member, qx: key.qx, qy: key.qy },
      { ...intent(), target: "units" } as never,
    ).catch((e: unknown) => e as { code?: string });
    assert.equal((refused as { code?: string }).code, "RelayNoUnits");
    const { ERRORS } = await import("@/lib/errors");
    assert.equal(ERRORS.RelayNoUnits.status, 409, "a 4xx, with its sentence in both languages");
  });

  it("saysWhenTheOrganisationsRelayQuotaIsUsedUp_andFromWhen", async () => {
    // A limit the council sets applies from the next UTC day for an organisation that relayed today.
    await world.ledger.asCouncil("setIntentQuota", [1]);
    await world.ledger.client.request({ method: "evm_increaseTime", params: [86_400] } as never);
    await world.ledger.client.request({ method: "evm_mine", params: [] } as never);
    const widen = (permissions: number) =>
      encodeFunctionData({
        abi: custodyLedgerAbi,
        functionName: "setMemberPermissions",
        args: [MEMBERS.makerClerk.address, permissions],
      });
    const first = await relay(await signed(widen(PERMIT.SHIP | PERMIT.DISPENSE)), passkeyCookie(member, key.id));
    assert.equal(first.status, 200, first.error?.message);
    const { status, error } = await relay(await signed(widen(PERMIT.SHIP)), passkeyCookie(member, key.id));
    assert.equal(status, 429, error?.message);
    assert.equal(error?.code, "RelayQuotaExhausted");
    assert.match(error!.message, /^Your organisation has used today's 1 relayed writes; more from 00:00 \(UTC\)\.$/);
  });
});
