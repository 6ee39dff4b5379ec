import assert from "node:assert/strict";
import { createHash, createPublicKey, verify } from "node:crypto";
import { test } from "node:test";
import {
  bytesToHex,
  concat,
  encodeAbiParameters,
  encodeErrorResult,
  getAddress,
  hexToBytes,
  keccak256,
  numberToHex,
  slice,
} from "viem";
import { decodeLedgerRevert } from "./errors";
import {
  PasskeyDataError,
  p256PublicKeyFromCose,
  p256PublicKeyFromSpki,
  p256SignatureFromDer,
  passkeyMemberAddress,
  webAuthnAuthFrom,
} from "./intents";
import { custodyLedgerAbi } from "./generated/custodyLedger";
import { createSoftPasskey } from "./node/softPasskey";

const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const sha256 = (b: Uint8Array) => new Uint8Array(createHash("sha256").update(b).digest());

/** A DER ECDSA signature of r and s (INTEGERs with a leading zero where the top bit is set). */
function der(r: bigint, s: bigint): Uint8Array {
  const int = (v: bigint) => {
    let bytes = hexToBytes(numberToHex(v));
    if (bytes[0]! >= 0x80) bytes = Uint8Array.of(0, ...bytes);
    return [0x02, bytes.length, ...bytes];
  };
  const body = [...int(r), ...int(s)];
  return Uint8Array.of(0x30, body.length, ...body);
}

test("a passkey member's address is the last 20 bytes of keccak256(abi.encode(qx, qy))", () => {
  const qx = keccak256("0x01");
  const qy = keccak256("0x02");
  const expected = getAddress(slice(keccak256(concat([qx, qy])), 12));
  assert.equal(passkeyMemberAddress(qx, qy), expected);
  assert.notEqual(passkeyMemberAddress(qy, qx), expected);
  assert.equal(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [qx, qy]), concat([qx, qy]));
});

test("an assertion becomes r, low s and the indices of the challenge and type, and still verifies", () => {
  const passkey = createSoftPasskey();
  const challenge = keccak256("0xc0ffee");
  // Authenticators give high s about half the time: sign until both kinds were converted.
  const seen = new Set<boolean>();
  for (let i = 0; i < 64 && seen.size < 2; i++) {
    const assertion = passkey.assert(challenge);
    const auth = webAuthnAuthFrom(assertion);
    const s = BigInt(auth.s);
    assert.ok(s <= N / 2n, "s is low");
    seen.add(BigInt(bytesToHex(assertion.signature.subarray(-32))) > N / 2n);
    // (r, s) still verifies for the key over authenticatorData ‖ sha256(clientDataJSON).
    const signed = concat([bytesToHex(assertion.authenticatorData), bytesToHex(sha256(assertion.clientDataJSON))]);
    const key = createPublicKey({ key: Buffer.from(passkey.spki), format: "der", type: "spki" });
    const rs = hexToBytes(concat([auth.r, auth.s]));
    assert.ok(verify("sha256", hexToBytes(signed), { key, dsaEncoding: "ieee-p1363" }, rs));
    const json = auth.clientDataJSON;
    assert.ok(json.startsWith('"challenge":"', Number(auth.challengeIndex)));
    assert.ok(json.startsWith('"type":"webauthn.get"', Number(auth.typeIndex)));
    assert.equal(auth.authenticatorData, bytesToHex(assertion.authenticatorData));
  }
  assert.equal(seen.size, 2, "both a low-s and a high-s signature came through");
});

test("a high s becomes n - s; the same assertion as base64url text converts the same", () => {
  const r = 0x1234n;
  const low = 0x5678n;
  const high = p256SignatureFromDer(der(r, N - low));
  assert.deepEqual(high, { r: numberToHex(r, { size: 32 }), s: numberToHex(low, { size: 32 }) });
  const passkey = createSoftPasskey();
  const assertion = passkey.assert(keccak256("0x01"));
  const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64url");
  assert.deepEqual(
    webAuthnAuthFrom({
      authenticatorData: b64(assertion.authenticatorData),
      clientDataJSON: b64(assertion.clientDataJSON),
      signature: b64(assertion.signature),
    }),
    webAuthnAuthFrom(assertion),
  );
});

test("bytes that are no signature, assertion or key are refused with a PasskeyDataError", () => {
  const refused = (f: () => unknown, message: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof PasskeyDataError && message.test(e.message));
  refused(() => p256SignatureFromDer(Uint8Array.of(0x30, 0x02, 0x02, 0x00)), /not a DER-encoded/);
  refused(() => p256SignatureFromDer(der(1n, 0n)), /not a P-256 signature/);
  refused(() => p256SignatureFromDer(der(N, 1n)), /not a P-256 signature/);
  refused(() => p256SignatureFromDer("not base64!"), /not base64url/);
  const passkey = createSoftPasskey();
  const a = passkey.assert(keccak256("0x01"));
  refused(() => webAuthnAuthFrom({ ...a, authenticatorData: a.authenticatorData.subarray(0, 36) }), /37 bytes/);
  refused(
    () => webAuthnAuthFrom({ ...a, clientDataJSON: new TextEncoder().encode('{"type":"webauthn.get"}') }),
    /no challenge/,
  );
  refused(() => p256PublicKeyFromSpki(passkey.spki.subarray(1)), /not an uncompressed P-256/);
});

test("a software passkey made from the same private key is the same member", () => {
  const privateKey = keccak256("0x5eed");
  assert.equal(createSoftPasskey({ privateKey }).member, createSoftPasskey({ privateKey }).member);
  assert.notEqual(createSoftPasskey({ privateKey }).member, createSoftPasskey().member);
});

test("a COSE ES256 key and an SPKI key give the same coordinates; other algorithms are refused", () => {
  const passkey = createSoftPasskey();
  const x = hexToBytes(passkey.publicKey.qx);
  const y = hexToBytes(passkey.publicKey.qy);
  // {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}
  const cose = (kty: number, alg: number) =>
    Uint8Array.of(0xa5, 0x01, kty, 0x03, alg, 0x20, 0x01, 0x21, 0x58, 0x20, ...x, 0x22, 0x58, 0x20, ...y);
  assert.deepEqual(p256PublicKeyFromCose(cose(0x02, 0x26)), passkey.publicKey);
  assert.deepEqual(p256PublicKeyFromSpki(passkey.spki), passkey.publicKey);
  assert.throws(() => p256PublicKeyFromCose(cose(0x02, 0x27)), PasskeyDataError); // alg -8: EdDSA
  assert.throws(() => p256PublicKeyFromCose(cose(0x01, 0x26)), PasskeyDataError); // kty 1: OKP
  assert.throws(() => p256PublicKeyFromCose(cose(0x02, 0x26).subarray(0, 40)), PasskeyDataError);
});

test("every intent refusal has an English sentence; the quota says when it resets, in UTC", () => {
  const names = custodyLedgerAbi
    .flatMap((x) => (x.type === "error" && x.name.startsWith("Intent") ? [x.name] : []))
    .sort();
  assert.ok(names.length >= 6);
  const org = "0x1111111111111111111111111111111111111111";
  const resetsAt = 1_800_000_000n - (1_800_000_000n % 86_400n) + 86_400n;
  const data = encodeError("IntentQuotaExhausted", [org, 1000, resetsAt]);
  const refusal = decodeLedgerRevert(data)!;
  assert.equal(refusal.message, "Your organisation has used today's 1000 relayed writes; more from 00:00 (UTC).");
  for (const name of names) assert.doesNotMatch(decodeLedgerRevert(encodeError(name))!.message, /^Intent/);
});

/** Revert data of a ledger error, with placeholder arguments unless given. */
function encodeError(errorName: string, args?: readonly unknown[]) {
  const item = custodyLedgerAbi.find((x) => x.type === "error" && x.name === errorName);
  const inputs = item?.type === "error" ? item.inputs : [];
  const values = args ?? inputs.map((i) => (i.type === "address" ? `0x${"22".repeat(20)}` : 1n));
  return encodeErrorResult({ abi: custodyLedgerAbi, errorName, args: values } as never);
}
