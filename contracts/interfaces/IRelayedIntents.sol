// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {WebAuthn} from "@openzeppelin/contracts/utils/cryptography/WebAuthn.sol";

/// @title Writes signed with a passkey and sent by anyone (a relayer)
/// @notice A passkey member is an ordinary member whose address is derived from its P-256 public key,
/// `address(uint160(uint256(keccak256(abi.encode(qx, qy)))))`: no private key exists for it, so it never
/// sends a transaction itself. It signs an intent (one call of the contract that runs it, its organisation,
/// its next nonce there, a deadline) with WebAuthn; anyone relays it with {executeIntent}, which checks the
/// signature on chain and runs the call as that member (every event's `by` names the member, not the relayer).
/// The signed digest is EIP-712: domain `{name: "TraceMed CustodyLedger", version: "1", chainId,
/// verifyingContract: the contract that runs it}`, type
/// `Intent(address member,address organisation,bytes call,uint64 nonce,uint48 deadline)`; the WebAuthn
/// challenge is that 32-byte digest. The custody ledger and LogisticUnits each take intents, each with its own
/// nonces and domain, so an intent signed for one never runs on the other. Relayed writes are limited per
/// organisation per UTC day, so one organisation cannot spend the network's relayer dry.
interface IRelayedIntents {
    /// @notice The intent's deadline has passed.
    /// @param deadline the deadline signed (unix seconds)
    error IntentExpired(uint48 deadline);
    /// @notice The nonce is not the member's next one (a replay, or an intent signed out of order).
    /// @param member the passkey member
    /// @param expected its next nonce
    /// @param given the nonce signed
    error IntentBadNonce(address member, uint64 expected, uint64 given);
    /// @notice The WebAuthn assertion does not sign this intent with this passkey, on this chain and contract
    /// (a changed argument, another chain or contract, a high-s signature, or no user verification).
    /// @param member the member the public key names
    error IntentBadSignature(address member);
    /// @notice The passkey is not a member of the organisation signed (never added, removed, or of another).
    /// @param member the member the public key names
    /// @param organisation the organisation signed
    error IntentNotMember(address member, address organisation);
    /// @notice The organisation has used today's relayed writes.
    /// @param organisation the organisation
    /// @param limit relayed writes a UTC day
    /// @param resetsAt when the next UTC day begins (unix seconds)
    error IntentQuotaExhausted(address organisation, uint32 limit, uint64 resetsAt);
    /// @notice An intent cannot run another intent.
    error IntentNested();

    /// @notice Runs one call of this contract (a multicall included) as the passkey member that signed it, and
    /// counts it against its organisation's relayed writes of the day here. Anyone may send it: the signature
    /// is the authority. Emits what the call emits, with the member as `by`.
    /// @param call the call: selector and ABI-encoded arguments
    /// @param organisation the member's organisation, as signed
    /// @param nonce the member's next intent nonce here ({intentNonce})
    /// @param deadline unix seconds after which the intent is refused
    /// @param qx the x coordinate of the passkey's P-256 public key
    /// @param qy its y coordinate
    /// @param auth the WebAuthn assertion over the intent's EIP-712 digest (low s, user verified)
    /// @return result what the call returned
    function executeIntent(
        bytes calldata call,
        address organisation,
        uint64 nonce,
        uint48 deadline,
        bytes32 qx,
        bytes32 qy,
        WebAuthn.WebAuthnAuth calldata auth
    ) external returns (bytes memory result);

    /// @notice The next intent nonce of `member` here (it survives removal, so old intents stay spent).
    /// @param member the member's address
    /// @return its next nonce
    function intentNonce(address member) external view returns (uint64);
}
