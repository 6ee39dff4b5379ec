import { DomainError } from "@tracemed/errors";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { openDatabase } from "@tracemed/indexer/testing";
import { PERMIT } from "@tracemed/chain";
import { parseInput } from "@/lib/http";
import { signInRequest } from "@/lib/inputs/signIn";
import { parsePublicOrigin } from "@tracemed/config/publicOrigin";
import { ERRORS } from "@/lib/errors";
import { CLOCK_SKEW_SECONDS, issueNonce, signIn, type SignInDeps } from "./signIn";
import { SESSION_SECONDS, signInMessage } from "./signInMessage";

const HOST = "trace.example.org";
const ORIGIN = parsePublicOrigin(`https://${HOST}`);
const CHAIN = 31337;

describe("staff sign-in (EIP-4361)", () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let deps: SignInDeps;
  const staff = privateKeyToAccount(generatePrivateKey());
  const intruder = privateKeyToAccount(generatePrivateKey());

  before(async () => {
    database = await openDatabase("embedded PGlite", 4);
    deps = { db: database.db, chainId: CHAIN };
    // The staff member's organisation, as the indexer projects it (the intruder's is none).
    await database.db.organisation.create({
      data: {
        account: staff.address.toLowerCase(),
        name: "Huaxin Pharmaceutical",
        roles: 2,
        gln: "6901234000016",
        country: "CN",
        onboardedAt: new Date(),
        updatedAt: new Date(),
      },
    });
    // Its founding admin's key is a member, as the indexer projects MemberAdded.
    await database.db.member.create({
      data: {
        account: staff.address.toLowerCase(),
        organisation: staff.address.toLowerCase(),
        permissions: PERMIT.ADMIN | PERMIT.REGISTER | PERMIT.SHIP,
        updatedAt: new Date(),
      },
    });
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

  const refusal = async (input: { message: unknown; signature: unknown }, locale?: "en" | "zh-CN") => {
    try {
      // As POST /api/auth/sign-in does: the request's schema, then the check.
      await signIn(deps, { origin: ORIGIN, locale, ...parseInput(signInRequest, input) });
    } catch (error) {
      assert.ok(error instanceof DomainError, String(error));
      return { status: ERRORS[error.code].status, code: error.code, message: error.message };
    }
    assert.fail("the sign-in was accepted");
  };

  it("signIn_acceptsAFreshSignedMessage_andTheSessionNamesTheSigner", async () => {
    const claims = await signIn(deps, { origin: ORIGIN, ...(await signed()) });
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
    const claims = await signIn(deps, { origin: ORIGIN, ...(await made(`https://${HOST}/receive`)) });
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
    await signIn(deps, { origin: ORIGIN, ...input });
    assert.equal((await refusal(input)).code, "SignInReplayed");
  });

  it("signIn_twoConcurrentUsesOfOneMessage_exactlyOneSucceeds", async () => {
    const input = await signed();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => signIn(deps, { origin: ORIGIN, ...input })),
    );
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
    const zh = await refusal(await signed({ domain: "trace-example.evil" }), "zh-CN");
    assert.deepEqual(
      [zh.code, zh.message],
      ["SignInWrongHost", `此登录消息是为 trace-example.evil 生成的，不是为 ${HOST}。`],
    );
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

  it("signIn_refusesAMessageIssuedInTheFuture_beyondASmallClockSkew", async () => {
    const at = (seconds: number) => {
      const issuedAt = new Date(Date.now() + seconds * 1000);
      return signed({ issuedAt, expirationTime: new Date(issuedAt.getTime() + 3600_000) });
    };
    // Made to be used later (or on a clock far ahead): refused, and its nonce is not spent.
    assert.equal((await refusal(await at(CLOCK_SKEW_SECONDS + 60))).code, "SignInFromTheFuture");
    assert.equal((await refusal(await at(24 * 3600))).code, "SignInFromTheFuture");
    // A wallet whose clock is a few seconds ahead still signs in.
    const claims = await signIn(deps, { origin: ORIGIN, ...(await at(CLOCK_SKEW_SECONDS - 20)) });
    assert.equal(claims.account, staff.address.toLowerCase());
    // notBefore in the future: not valid yet.
    const notYet = await signed({ notBefore: new Date(Date.now() + 600_000) });
    assert.equal((await refusal(notYet)).code, "SignInExpired");
  });

  it("signIn_refusesAMessageWhoseUriIsNotOnThePublicOrigin", async () => {
    for (const uri of [
      "https://trace-example.evil/",
      `http://${HOST}/`,
      `https://${HOST}:8443/`,
      "urn:x:y",
      // userinfo: what a wallet shows as the site to sign in to is then not the origin
      `https://trace-example.evil@${HOST}/`,
      `https://staff:secret@${HOST}/`,
    ]) {
      assert.equal((await refusal(await signed({ uri }))).code, "SignInWrongHost", uri);
    }
    // Any page of the origin is the origin.
    const claims = await signIn(deps, { origin: ORIGIN, ...(await signed({ uri: `https://${HOST}/receive` })) });
    assert.equal(claims.account, staff.address.toLowerCase());
  });

  it("signIn_refusesAnUnknownOrSuspendedOrganisation_in403WithASentenceInEnglishAndChinese", async () => {
    const stranger = privateKeyToAccount(generatePrivateKey());
    const unknown = await refusal(await signed({ address: stranger.address }, stranger));
    assert.deepEqual([unknown.status, unknown.code], [403, "OrganisationUnknown"]);
    const account = staff.address.toLowerCase();
    await database.db.organisation.update({ where: { account }, data: { suspended: true } });
    try {
      const input = await signed();
      const en = await refusal(input);
      assert.deepEqual([en.status, en.code], [403, "OrganisationSuspended"]);
      assert.match(en.message, /Huaxin Pharmaceutical is suspended/);
      const zh = await refusal(await signed(), "zh-CN");
      assert.deepEqual([zh.status, zh.code], [403, "OrganisationSuspended"]);
      assert.match(zh.message, /Huaxin Pharmaceutical 已被监管部门暂停/);
      // Reinstated: the message refused during the suspension was spent, a fresh one signs in.
      await database.db.organisation.update({ where: { account }, data: { suspended: false } });
      assert.equal((await refusal(input)).code, "SignInReplayed");
      assert.equal((await signIn(deps, { origin: ORIGIN, ...(await signed()) })).account, account);
    } finally {
      await database.db.organisation.update({ where: { account }, data: { suspended: false } });
    }
  });

  it("signIn_refusesAnOrganisationTheLedgerSaysIsSuspended_whileTheDatabaseLagsBehind", async () => {
    // The database still holds the organisation active; the ledger's word (stale data) says suspended.
    const lagging = { ...deps, ledger: { organisation: async () => ({ roles: 2, suspended: true }) } };
    const refused = await signIn(lagging, { origin: ORIGIN, ...(await signed()) }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(refused instanceof DomainError, String(refused));
    assert.deepEqual([ERRORS[refused.code].status, refused.code], [403, "OrganisationSuspended"]);
    // Fresh data (no word from the ledger): the database's row stands.
    const fresh = { ...deps, ledger: { organisation: async () => undefined } };
    assert.equal((await signIn(fresh, { origin: ORIGIN, ...(await signed()) })).account, staff.address.toLowerCase());
  });

  it("signIn_aSecondMemberSignsInForItsOrganisation_andARemovedOneIsRefused", async () => {
    const operator = privateKeyToAccount(generatePrivateKey());
    const org = staff.address.toLowerCase();
    const asOperator = async () => signed({ address: operator.address }, operator);
    // Not (yet) a member: refused like any stranger.
    assert.equal((await refusal(await asOperator())).code, "OrganisationUnknown");
    await database.db.member.create({
      data: {
        account: operator.address.toLowerCase(),
        organisation: org,
        permissions: PERMIT.SHIP,
        updatedAt: new Date(),
      },
    });
    // The session names the member who signed; the server resolves its organisation for every request.
    const claims = await signIn(deps, { origin: ORIGIN, ...(await asOperator()) });
    assert.equal(claims.account, operator.address.toLowerCase());
    // Its key removed (the indexer deletes the row): refused at once, in both languages.
    await database.db.member.delete({ where: { account: operator.address.toLowerCase() } });
    const removed = await refusal(await asOperator());
    assert.deepEqual([removed.status, removed.code], [403, "OrganisationUnknown"]);
    assert.match(removed.message, /not a member of an organisation of the network/);
    assert.match((await refusal(await asOperator(), "zh-CN")).message, /不是本网络任何机构的成员/);
    // Removed on chain while the database still lists it: the ledger's word wins.
    const lagging = {
      ...deps,
      ledger: { member: async () => ({ organisation: `0x${"0".repeat(40)}` as const, permissions: 0 }) },
    };
    const refused = await signIn(lagging, { origin: ORIGIN, ...(await signed()) }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(refused instanceof DomainError && refused.code === "OrganisationUnknown", String(refused));
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
