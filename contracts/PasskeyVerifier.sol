// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {WebAuthn} from "@openzeppelin/contracts/utils/cryptography/WebAuthn.sol";

/// @title The signature check of passkey intents
/// @notice Stateless. The ledger's implementation and LogisticUnits each deploy one in their constructor (each then
/// has its own EIP-712 domain) and ask it about every intent:
/// OpenZeppelin's WebAuthn and P256 (P256VERIFY, the EIP-7951 precompile, where the chain has it, and P256's
/// Solidity fallback otherwise) are 3 KB of code that the ledger, near EIP-170's 24,576 bytes, has no room for.
contract PasskeyVerifier {
    // The type strings are hashed at compile time: no long string is stored.
    // solhint-disable gas-small-strings
    bytes32 private constant INTENT_TYPEHASH = keccak256(
        "Intent(address member,address organisation,bytes call,uint64 nonce,uint48 deadline)"
    );
    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    // solhint-enable gas-small-strings
    bytes32 private constant NAME_HASH = keccak256("TraceMed CustodyLedger");
    bytes32 private constant VERSION_HASH = keccak256("1");

    /// @notice Whether `auth` is a user-verified WebAuthn assertion (low s) by the P-256 key (qx, qy) over the
    /// EIP-712 digest of the intent for the calling contract (`msg.sender`) on this chain.
    /// @param qx the public key's x coordinate
    /// @param qy its y coordinate
    /// @param auth the assertion
    /// @param callHash keccak256 of the intent's call
    /// @param organisation the member's organisation, as signed
    /// @param nonce the member's intent nonce
    /// @param deadline unix seconds
    /// @return true when valid
    function verifyIntent(
        bytes32 qx,
        bytes32 qy,
        WebAuthn.WebAuthnAuth calldata auth,
        bytes32 callHash,
        address organisation,
        uint64 nonce,
        uint48 deadline
    ) external view returns (bool) {
        address member = address(uint160(uint256(keccak256(abi.encode(qx, qy)))));
        bytes32 domain = keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, msg.sender));
        bytes32 structHash = keccak256(abi.encode(INTENT_TYPEHASH, member, organisation, callHash, nonce, deadline));
        bytes32 digest = MessageHashUtils.toTypedDataHash(domain, structHash);
        return WebAuthn.verify(abi.encodePacked(digest), auth, qx, qy, true);
    }
}
