import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { openDatabase } from "@tracemed/indexer/testing";
import { ApiError } from "../http";
import { issueNonce, signIn, type SignInDeps } from "./signIn";
import { SESSION_SECONDS, signInMessage } from "./signInMessage";

const HOST = "trace.example.org";
const CHAIN = 31337;

describe("staff sign-in (EIP-4361)", () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let deps: SignInDeps;
  const staff = privateKeyToAccount(generatePrivateKey());
  const intruder = privateKeyToAccount(generatePrivateKey());

  before(async () => {
    database = await openDatabase("embedded PGlite", 4);
    deps = { db: database.db, chainId: CHAIN };
  });
  after(async () => database?.stop());

  async function signed(
    overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {},
    signer = staff,
  ): Promise<{ message: string; signature: `0x${string}` }> {
    const { nonce } = await issueNonce(deps);
    const now = new Date();
    const message = createSiweMessage({
      domain: HOST,
      address: staff.address,
      uri: `https://${HOST}`,
      version: "1",
      chainId: CHAIN,
      nonce,
      issuedAt: now,
      expirationTime: new Date(now.getTime() + 3600_000),
      ...overrides,
    });
    return { message, signature: await signer.signMessage({ message }) };
  }

  const refusal = async (input: { message: unknown; signature: unknown; host?: string }) => {
    try {
      await signIn(deps, { host: HOST, ...input });
    } catch (error) {
      assert.ok(error instanceof ApiError, String(error));
      return { status: error.status, code: error.code, message: error.message };
    }
    assert.fail("the sign-in was accepted");
  };

  it("signIn_acceptsAFreshSignedMessage_andTheSessionNamesTheSigner", async () => {
    const claims = await signIn(deps, { host: HOST, ...(await signed()) });
    assert.equal(claims.account, staff.address.toLowerCase());
    assert.equal(claims.chainId, CHAIN);
    assert.ok(claims.expiresAt - claims.issuedAt <= 3600, "never longer than the message allows");
  });

  it("signInMessage_isWhatSignInAccepts_forTheHostItWasMadeAt_forOneShiftAtMost", async () => {
    const made = async (url: string, now?: Date) => {
      const { nonce } = await issueNonce(deps);
      const message = signInMessage({ url, address: staff.address, nonce, chainId: CHAIN, now });
      return { message, signature: await staff.signMessage({ message }) };
    };
    const claims = await signIn(deps, { host: HOST, ...(await made(`https://${HOST}/receive`)) });
    assert.equal(claims.account, staff.address.toLowerCase());
    // The message expires a shift after it was made, a moment before the server reads it.
    const span = claims.expiresAt - claims.issuedAt;
    assert.ok(span <= SESSION_SECONDS && span >= SESSION_SECONDS - 1, `a session of ${span} s`);
    assert.equal((await refusal(await made("https://trace-example.evil"))).code, "SignInWrongHost");
    const shiftAgo = new Date(Date.now() - SESSION_SECONDS * 1000 - 1000);
    assert.equal((await refusal(await made(`https://${HOST}`, shiftAgo))).code, "SignInExpired");
  });

  it("signIn_refusesAReplayOfAMessageAlreadyUsed", async () => {
    const input = await signed();
    await signIn(deps, { host: HOST, ...input });
    assert.equal((await refusal(input)).code, "SignInReplayed");
  });

  it("signIn_twoConcurrentUsesOfOneMessage_exactlyOneSucceeds", async () => {
    const input = await signed();
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => signIn(deps, { host: HOST, ...input })));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
  });

  it("signIn_refusesForgeriesAndMessagesMadeForSomewhereElse", async () => {
    // Signed by someone else for the staff member's address.
    assert.equal((await refusal(await signed({}, intruder))).code, "SignInBadSignature");
    // A genuine signature over a message edited afterwards (address swapped).
    const genuine = await signed();
    const edited = genuine.message.replace(staff.address, intruder.address);
    assert.equal((await refusal({ message: edited, signature: genuine.signature })).code, "SignInBadSignature");
    // Phishing: a message made for another site, replayed here.
    assert.equal((await refusal(await signed({ domain: "trace-example.evil" }))).code, "SignInWrongHost");
    assert.equal((await refusal(await signed({ chainId: 1 }))).code, "SignInWrongChain");
    assert.equal(
      (
        await refusal(
          await signed({ expirationTime: new Date(Date.now() - 1000), issuedAt: new Date(Date.now() - 5000) }),
        )
      ).code,
      "SignInExpired",
    );
    // A nonce this server never issued.
    const { message } = await signed();
    const invented = message.replace(/Nonce: \w+/, "Nonce: 0123456789abcdef0123456789abcdef");
    assert.equal(
      (await refusal({ message: invented, signature: await staff.signMessage({ message: invented }) })).code,
      "SignInReplayed",
    );
  });

  it("signIn_malformedInput_isAClear400", async () => {
    for (const input of [
      { message: 42, signature: "0x00" },
      { message: "hello", signature: "0x" + "ab".repeat(65) },
      { message: "x".repeat(5000), signature: "0x" + "ab".repeat(65) },
      { message: "hello", signature: "not hex" },
    ]) {
      const r = await refusal(input);
      assert.equal(r.status, 400, JSON.stringify(r));
      assert.equal(r.code, "MalformedSignIn");
    }
  });
});
