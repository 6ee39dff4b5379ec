// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {WebAuthn} from "@openzeppelin/contracts/utils/cryptography/WebAuthn.sol";
import {IPasskeyIntents} from "./interfaces/IPasskeyIntents.sol";
import {IRelayedIntents} from "./interfaces/IRelayedIntents.sol";
import {RelayedIntent} from "./libraries/RelayedIntent.sol";
import {OrganisationRegistry} from "./OrganisationRegistry.sol";
import {PasskeyVerifier} from "./PasskeyVerifier.sol";

/// @title Passkey members' writes, relayed
/// @notice Checks an intent's WebAuthn assertion with a PasskeyVerifier (deployed by the constructor), then runs
/// the intent's call on the ledger itself with the member as the acting account ({_actor}, held in transient
/// storage for the call). The nonce lives in the member's own slot, the day's count in one slot per
/// organisation. No storage slot is added in line: the quota sits in an ERC-7201 namespace and the EIP-712
/// domain is built from constants (OpenZeppelin's EIP712 keeps two string slots, which would move every
/// variable of the ledger on upgrade), so a deployed ledger upgrades to this one with its state intact.
abstract contract PasskeyIntents is IPasskeyIntents, OrganisationRegistry {
    using TransientSlot for *;

    /// @notice Relayed writes an organisation may make a UTC day until the council sets another limit.
    uint32 internal constant DEFAULT_INTENT_QUOTA = 1_000;

    /// @dev keccak256(abi.encode(uint256(keccak256("tracemed.transient.PasskeyIntents.actor")) - 1)) & ~0xff
    bytes32 private constant ACTOR_SLOT = 0x4d435b5009c2db4e6fa274c78b11726d46dd84f50ed50baae153a5579d69cb00;
    /// @dev keccak256(abi.encode(uint256(keccak256("tracemed.storage.PasskeyIntents")) - 1)) & ~0xff
    bytes32 private constant STORAGE_SLOT = 0x88be9942a34bd4bd2d64fe9cdd414058ff9c27494582193689861ab344abb400;
    /// @dev Deployed by the implementation's constructor, so every implementation (an upgrade's too) brings its
    /// own and no deploy script has to know of it.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    PasskeyVerifier private immutable VERIFIER;
    /// @dev This implementation: an intent's call is delegated to it straight, not through the proxy again.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    address private immutable IMPLEMENTATION = address(this);

    /// @dev An organisation's relayed writes on `day` (unix day number), under the limit that held when the
    /// day's first one came (one slot; the council's limit is read once a day per organisation).
    struct Quota {
        uint32 day;
        uint32 used;
        uint32 limit;
    }

    /// @custom:storage-location erc7201:tracemed.storage.PasskeyIntents
    struct IntentStorage {
        uint32 perDay;
        bool perDaySet; // false: DEFAULT_INTENT_QUOTA
        mapping(address organisation => Quota) quotas;
    }

    constructor() {
        VERIFIER = new PasskeyVerifier();
    }

    /// @inheritdoc IRelayedIntents
    function executeIntent(
        bytes calldata call,
        address organisation,
        uint64 nonce,
        uint48 deadline,
        bytes32 qx,
        bytes32 qy,
        WebAuthn.WebAuthnAuth calldata auth
    ) external returns (bytes memory result) {
        address member = RelayedIntent.begin(ACTOR_SLOT, deadline, qx, qy);
        Member storage m = _memberStorage(member);
        // (organisation zero passes for a non-member; its call then fails the member check, OrgNotMember.)
        if (m.organisation != organisation) revert IntentNotMember(member, organisation);
        uint64 expected = m.intentNonce;
        if (nonce != expected) revert IntentBadNonce(member, expected, nonce);
        m.intentNonce = expected + 1;
        if (!VERIFIER.verifyIntent(qx, qy, auth, keccak256(call), organisation, nonce, deadline)) {
            revert IntentBadSignature(member);
        }
        _countIntent(organisation);
        result = RelayedIntent.run(ACTOR_SLOT, member, IMPLEMENTATION, call);
    }

    /// @inheritdoc IPasskeyIntents
    function setIntentQuota(uint32 perDay) external {
        _onlyCouncil();
        IntentStorage storage s = _intentStorage();
        (s.perDay, s.perDaySet) = (perDay, true);
        emit IntentQuotaSet(perDay, msg.sender);
    }

    /// @inheritdoc IRelayedIntents
    function intentNonce(address member_) external view returns (uint64) {
        return _memberStorage(member_).intentNonce;
    }

    /// @inheritdoc IPasskeyIntents
    function intentQuota(address organisation) external view returns (uint32 limit, uint32 usedToday, uint64 resetsAt) {
        uint32 today = uint32(block.timestamp / 1 days);
        Quota memory q = _intentStorage().quotas[organisation];
        resetsAt = (uint64(today) + 1) * 1 days;
        if (q.day == today) return (q.limit, q.used, resetsAt);
        return (_perDay(), 0, resetsAt);
    }

    /// @notice The account that acts: the passkey member while its intent runs, the sender otherwise.
    /// @return the acting account
    function _actor() internal view override returns (address) {
        address member = ACTOR_SLOT.asAddress().tload();
        return member == address(0) ? msg.sender : member;
    }

    /// @dev Counts one relayed write of `orgId` today, refusing it past the day's limit.
    function _countIntent(address orgId) private {
        IntentStorage storage s = _intentStorage();
        uint32 today = uint32(block.timestamp / 1 days);
        Quota memory q = s.quotas[orgId];
        if (q.day != today) q = Quota(today, 0, _perDay());
        if (q.used >= q.limit) revert IntentQuotaExhausted(orgId, q.limit, (uint64(today) + 1) * 1 days);
        // used < limit, a uint32, was checked above.
        unchecked {
            s.quotas[orgId] = Quota(today, q.used + 1, q.limit);
        }
    }

    function _perDay() private view returns (uint32) {
        IntentStorage storage s = _intentStorage();
        return s.perDaySet ? s.perDay : DEFAULT_INTENT_QUOTA;
    }

    function _intentStorage() private pure returns (IntentStorage storage s) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            s.slot := STORAGE_SLOT
        }
    }
}
