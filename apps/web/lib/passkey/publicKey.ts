/**
 * A passkey's P-256 public key as WebAuthn libraries read it (COSE), rebuilt from the (x, y) the database keeps, and
 * the member address in the form sessions use. Reading a COSE key and deriving the address is @tracemed/chain's.
 */
import { cose, isoCBOR } from "@simplewebauthn/server/helpers";
import { passkeyMemberAddress } from "@tracemed/chain";
import { hexToBytes, type Hex } from "viem";

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

/** The member address of a passkey (lower case, as sessions and rows keep addresses). */
export const passkeyMember = (qx: Hex, qy: Hex) => passkeyMemberAddress(qx, qy).toLowerCase() as `0x${string}`;
