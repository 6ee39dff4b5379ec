/**
 * A software passkey for tests and benchmarks (@tracemed/chain's, which signs as an authenticator does) that also
 * answers WebAuthn creation options as a platform authenticator with user verification would (attestation
 * "none"), in @simplewebauthn's JSON shapes.
 */
import { createHash, randomBytes } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { createSoftPasskey } from "@tracemed/chain/node/passkey";
import { bytesToHex } from "viem";
import { coseFromP256 } from "./publicKey";

const b64u = (b: Uint8Array | string) => Buffer.from(b).toString("base64url");
const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest();

export function softPasskey(origin: string, rpID = new URL(origin).hostname) {
  const key = createSoftPasskey({ rpId: rpID, origin });
  const { qx, qy } = key.publicKey;
  const credentialId = randomBytes(16);
  // User present, user verified, attested credential data included.
  const flags = Buffer.from([0x01 | 0x04 | 0x40]);
  const clientData = (type: string, challenge: string) =>
    JSON.stringify({ type, challenge, origin, crossOrigin: false });

  /** A credential's JSON answer around `response`, as @simplewebauthn/browser returns it. */
  const answer = <R>(response: R) => ({
    id: b64u(credentialId),
    rawId: b64u(credentialId),
    type: "public-key" as const,
    clientExtensionResults: {},
    response,
  });

  return {
    id: b64u(credentialId),
    qx,
    qy,
    /** An answer to creation options (`challenge` base64url, as the options carry it). */
    create(challenge: string) {
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const authData = Buffer.concat([
        sha256(rpID),
        flags,
        Buffer.alloc(4), // sign count 0 at creation; the assertions count from 1
        Buffer.alloc(16), // AAGUID
        idLength,
        credentialId,
        coseFromP256(qx, qy),
      ]);
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", new Uint8Array(authData)],
        ]) as never,
      );
      return answer({
        clientDataJSON: b64u(clientData("webauthn.create", challenge)),
        attestationObject: b64u(attestationObject),
        transports: ["internal"],
      });
    },
    /** An assertion over `challenge` (base64url), as @simplewebauthn/browser returns it. */
    get(challenge: string) {
      const a = key.assert(bytesToHex(Buffer.from(challenge, "base64url")));
      return answer({
        clientDataJSON: b64u(a.clientDataJSON),
        authenticatorData: b64u(a.authenticatorData),
        signature: b64u(a.signature),
      });
    },
    /** The chain package's passkey (its intent signing). */
    key,
  };
}
