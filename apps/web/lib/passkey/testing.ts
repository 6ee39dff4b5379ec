/**
 * A software passkey for tests and benchmarks: a P-256 key that answers WebAuthn creation and request options as
 * a platform authenticator with user verification would (attestation "none"), in @simplewebauthn's JSON shapes.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { coseFromP256 } from "./publicKey";

const b64u = (b: Uint8Array | string) => Buffer.from(b).toString("base64url");
const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest();

export function softPasskey(origin: string, rpID = new URL(origin).hostname) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const qx = `0x${Buffer.from(jwk.x!, "base64url").toString("hex")}` as const;
  const qy = `0x${Buffer.from(jwk.y!, "base64url").toString("hex")}` as const;
  const credentialId = randomBytes(16);
  let counter = 0;
  const flags = (extra: number) => Buffer.from([0x01 | 0x04 | extra]); // user present, user verified
  const count = () => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(++counter);
    return b;
  };
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
        flags(0x40), // attested credential data included
        count(),
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
    /** An assertion over `challenge` (base64url): its JSON answer and the raw parts the ledger reads. */
    get(challenge: string) {
      const authenticatorData = Buffer.concat([sha256(rpID), flags(0), count()]);
      const clientDataJSON = clientData("webauthn.get", challenge);
      const signature = sign("sha256", Buffer.concat([authenticatorData, sha256(clientDataJSON)]), privateKey);
      return answer({
        clientDataJSON: b64u(clientDataJSON),
        authenticatorData: b64u(authenticatorData),
        signature: b64u(signature),
      });
    },
  };
}
