/**
 * A passkey's P-256 public key as the ledger reads it (x, y) and as WebAuthn libraries read it (COSE), and the
 * member address the ledger derives from it.
 */
import { cose, decodeCredentialPublicKey, isoCBOR } from "@simplewebauthn/server/helpers";
import { bytesToHex, encodeAbiParameters, hexToBytes, keccak256, type Hex } from "viem";

/** x and y of an ES256 (P-256) COSE key; throws for any other kind of key. */
export function p256FromCose(publicKey: Uint8Array): { qx: Hex; qy: Hex } {
  // Read as the plain CBOR map it is (the library's type allows only its own key-value pairs).
  const key = decodeCredentialPublicKey(new Uint8Array(publicKey)) as unknown as Map<number, unknown>;
  const x = key.get(cose.COSEKEYS.x);
  const y = key.get(cose.COSEKEYS.y);
  if (
    key.get(cose.COSEKEYS.kty) !== cose.COSEKTY.EC2 ||
    key.get(cose.COSEKEYS.alg) !== cose.COSEALG.ES256 ||
    key.get(cose.COSEKEYS.crv) !== cose.COSECRV.P256 ||
    !(x instanceof Uint8Array) ||
    !(y instanceof Uint8Array) ||
    x.length !== 32 ||
    y.length !== 32
  )
    throw new Error("not an ES256 (P-256) key");
  return { qx: bytesToHex(x), qy: bytesToHex(y) };
}

/** The COSE form of (qx, qy), for verifying an assertion with the stored key. */
export function coseFromP256(qx: Hex, qy: Hex): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [cose.COSEKEYS.kty, cose.COSEKTY.EC2],
        [cose.COSEKEYS.alg, cose.COSEALG.ES256],
        [cose.COSEKEYS.crv, cose.COSECRV.P256],
        [cose.COSEKEYS.x, hexToBytes(qx)],
        [cose.COSEKEYS.y, hexToBytes(qy)],
      ]),
    ),
  );
}

/** The member address of a passkey: the ledger's `address(uint160(uint256(keccak256(abi.encode(qx, qy)))))`. */
export function passkeyMember(qx: Hex, qy: Hex): `0x${string}` {
  return `0x${keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [qx, qy])).slice(-40)}`;
}
