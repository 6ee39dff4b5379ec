// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {IRelayedIntents} from "../interfaces/IRelayedIntents.sol";

/// @title The steps every contract that takes passkey intents shares (the ledger's PasskeyIntents, LogisticUnits)
/// @notice The acting member sits in a transient slot of the contract's own (`actorSlot`) while its intent's call
/// runs, delegated to the contract's code; nonces, membership and the daily count are each contract's.
library RelayedIntent {
    using TransientSlot for *;

    /// @dev Refuses an intent inside an intent and one past its deadline; the member the public key names.
    function begin(bytes32 actorSlot, uint48 deadline, bytes32 qx, bytes32 qy) internal view returns (address) {
        if (actorSlot.asAddress().tload() != address(0)) revert IRelayedIntents.IntentNested();
        if (block.timestamp > deadline) revert IRelayedIntents.IntentExpired(deadline);
        return address(uint160(uint256(keccak256(abi.encode(qx, qy)))));
    }

    /// @dev Runs `call` on `code` (the contract's own) with `member` as the actor, then clears it.
    function run(
        bytes32 actorSlot,
        address member,
        address code,
        bytes calldata call
    ) internal returns (bytes memory result) {
        TransientSlot.AddressSlot actor = actorSlot.asAddress();
        actor.tstore(member);
        result = Address.functionDelegateCall(code, call);
        actor.tstore(address(0));
    }

    /// @dev The passkey member while its intent runs, the sender otherwise.
    function actor(bytes32 actorSlot) internal view returns (address) {
        address member = actorSlot.asAddress().tload();
        return member == address(0) ? msg.sender : member;
    }
}
