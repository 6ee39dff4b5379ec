import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { PERMIT } from "@tracemed/chain";
import { parsePublicOrigin } from "@tracemed/config/publicOrigin";
import { DomainError } from "@tracemed/errors";
import { openDatabase } from "@tracemed/indexer/testing";
import { ERRORS } from "@/lib/errors";
import { parseInput } from "@/lib/http";
import { declineRequest, enrolRequest, invitationRequest, relayRequest } from "@/lib/inputs/passkey";
import { enrol, enrolOptions, passkeySignIn, signInOptions, type PasskeyDeps } from "./ceremony";
import { enrolmentCode } from "./code";
import { createInvitation, invitationTokenHash, openInvitation } from "./invitation";
import { passkeyMember } from "./publicKey";
import { softPasskey } from "./testing";

const ORIGIN = "https://trace.example.org";
const ORG = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const HOUR = 3600_000;

const code = async (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );
const asRegistration = (x: unknown) => x as RegistrationResponseJSON;
const asAssertion = (x: unknown) => x as AuthenticationResponseJSON;

describe("staff passkeys: invitations, enrolment and sign-in", () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let deps: PasskeyDeps;
  const clock = new Date("2026-12-07T09:00:00Z");

  before(async () => {
    database = await openDatabase("embedded PGlite", 4);
    deps = { db: database.db, origin: parsePublicOrigin(ORIGIN), chainId: 31337, now: () => clock };
    await database.db.organisation.create({
      data: {
        account: ORG,
        name: "Kangmei Pharmacy",
        roles: 8,
        gln: "6901234000047",
        country: "CN",
        onboardedAt: clock,
        updatedAt: clock,
      },
    });
  });
  after(async () => database?.stop());

  const invite = (label = "Li Na, counter phone") =>
    createInvitation(
      database.db,
      { organisation: ORG, permissions: PERMIT.SHIP | PERMIT.DISPENSE, label, createdBy: ORG },
      clock,
    );

  it("keeps only the token's hash; the link works once and not after 24 hours", async () => {
    const { id, token, expiresAt } = await invite();
    assert.equal(expiresAt.getTime() - clock.getTime(), 24 * HOUR);
    const row = await database.db.invitation.findUniqueOrThrow({ where: { id } });
    assert.equal(row.tokenHash, invitationTokenHash(token));
    assert.ok(!JSON.stringify(row).includes(token), "the token itself is stored nowhere");
    assert.equal((await openInvitation(database.db, token, clock)).id, id);
    // Expired: one second past 24 h is refused with the same code as an unknown token.
    assert.equal(
      await code(openInvitation(database.db, token, new Date(expiresAt.getTime() + 1000))),
      "InvitationInvalid",
    );
    assert.equal(await code(openInvitation(database.db, `${token}x`, clock)), "InvitationInvalid");
    assert.equal(await code(openInvitation(database.db, "../../etc", clock)), "InvitationInvalid");
    assert.equal(ERRORS.InvitationInvalid.status, 404);

    // Used once by a passkey: the second phone gets the refusal, and the invitation names its member.
    const phone = softPasskey(ORIGIN);
    const { options } = { options: await enrolOptions(deps, token) };
    assert.deepEqual(options.pubKeyCredParams, [{ alg: -7, type: "public-key" }], "ES256 only");
    assert.equal(options.authenticatorSelection?.residentKey, "required");
    assert.equal(options.authenticatorSelection?.userVerification, "required");
    assert.equal(options.rp.id, "trace.example.org");
    const enrolled = await enrol(deps, token, asRegistration(phone.create(options.challenge)));
    assert.equal(enrolled.member, passkeyMember(phone.qx, phone.qy));
    assert.equal(enrolled.code, enrolmentCode(enrolled.member));
    assert.match(enrolled.code, /^\d{3} \d{3}$/);
    const used = await database.db.invitation.findUniqueOrThrow({ where: { id } });
    assert.equal(used.member, enrolled.member);
    const stored = await database.db.passkey.findUniqueOrThrow({ where: { member: enrolled.member } });
    assert.deepEqual(
      [stored.publicKeyX, stored.publicKeyY, stored.permissions],
      [phone.qx, phone.qy, PERMIT.SHIP | PERMIT.DISPENSE],
    );
    assert.equal(await code(enrolOptions(deps, token)), "InvitationInvalid", "used");
    const other = softPasskey(ORIGIN);
    assert.equal(await code(enrol(deps, token, asRegistration(other.create(options.challenge)))), "InvitationInvalid");
  });

  it("refuses a registration for another site, a replayed challenge, and passkeys on an IP address", async () => {
    const { token } = await invite("Wang Wei, warehouse handheld");
    const options = await enrolOptions(deps, token);
    const phishing = softPasskey("https://trace-example.org.evil.test", "trace.example.org");
    assert.equal(await code(enrol(deps, token, asRegistration(phishing.create(options.challenge)))), "PasskeyRefused");
    // The refused attempt spent the challenge: the same challenge does not work twice.
    const phone = softPasskey(ORIGIN);
    assert.equal(await code(enrol(deps, token, asRegistration(phone.create(options.challenge)))), "PasskeyRefused");
    const fresh = await enrolOptions(deps, token);
    assert.notEqual(fresh.challenge, options.challenge);
    await enrol(deps, token, asRegistration(phone.create(fresh.challenge)));
    const onIp = { ...deps, origin: parsePublicOrigin("http://127.0.0.1:3000") };
    assert.equal(await code(signInOptions(onIp)), "PasskeyUnavailable");
  });

  it("signs a member in with its passkey as a passkey session; a waiting or removed passkey is refused", async () => {
    const { token } = await invite("Zhao Min, laptop");
    const laptop = softPasskey(ORIGIN);
    const { member } = await enrol(
      deps,
      token,
      asRegistration(laptop.create((await enrolOptions(deps, token)).challenge)),
    );
    // Not approved yet: no Member row.
    let options = await signInOptions(deps);
    assert.equal(options.allowCredentials?.length ?? 0, 0, "a discoverable passkey: nothing to name first");
    assert.equal(await code(passkeySignIn(deps, asAssertion(laptop.get(options.challenge)))), "PasskeyNotMember");
    // Approved: the admin's addMember, as the indexer projects it.
    await database.db.member.create({
      data: { account: member, organisation: ORG, permissions: PERMIT.SHIP, updatedAt: clock },
    });
    options = await signInOptions(deps);
    const claims = await passkeySignIn(deps, asAssertion(laptop.get(options.challenge)));
    assert.equal(claims.account, member);
    assert.equal(claims.method, "passkey");
    assert.equal(claims.credentialId, laptop.id);
    // The same assertion again: its challenge is spent.
    assert.equal(await code(passkeySignIn(deps, asAssertion(laptop.get(options.challenge)))), "PasskeyRefused");
    // Someone else's key under this credential id does not verify.
    const stranger = softPasskey(ORIGIN);
    const forged = { ...stranger.get((await signInOptions(deps)).challenge), id: laptop.id, rawId: laptop.id };
    assert.equal(await code(passkeySignIn(deps, asAssertion(forged))), "PasskeyRefused");
    // Removed on the ledger (its Member row goes): refused at once.
    await database.db.member.delete({ where: { account: member } });
    options = await signInOptions(deps);
    assert.equal(await code(passkeySignIn(deps, asAssertion(laptop.get(options.challenge)))), "PasskeyNotMember");
  });

  it("refuses malformed bodies with a 4xx code, never a 5xx", () => {
    const bad: [unknown, unknown][] = [
      [invitationRequest, { permissions: 0, label: "x" }],
      [invitationRequest, { permissions: 4, label: "   " }],
      [invitationRequest, { permissions: 4, label: "x".repeat(81) }],
      [enrolRequest, { response: { id: "a", rawId: "a", type: "password", response: {} } }],
      [declineRequest, { member: "0x12" }],
      [relayRequest, { call: "0x1234", member: ORG }],
      [relayRequest, "not an object"],
    ];
    for (const [schema, body] of bad) {
      const refusal = (() => {
        try {
          parseInput(schema as never, body);
          return null;
        } catch (e) {
          return e as DomainError;
        }
      })();
      assert.ok(refusal instanceof DomainError, JSON.stringify(body));
      assert.ok(ERRORS[refusal.code].status < 500 && ERRORS[refusal.code].status >= 400, refusal.code);
    }
  });
});
