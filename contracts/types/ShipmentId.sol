// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {BatchId} from "./BatchId.sol";

/// @notice A shipment's id: the hash of its parameters, so a hop is one storage slot and the
/// recipient names it by what it received. It is `bytes32` in the ABI.
type ShipmentId is bytes32;

/// @title The one place a shipment id is computed
/// @notice The contracts compute a shipment id only through `toId` (the pattern of Uniswap v4's PoolIdLibrary).
library ShipmentIdLibrary {
    /// @notice The id of a shipment of `quantity` packs of a batch from `from` to `to`.
    /// @param batchId the batch
    /// @param from the sender
    /// @param to the recipient
    /// @param quantity packs shipped
    /// @param ref the sender's reference for the hop
    /// @return id keccak256(abi.encode(batchId, from, to, quantity, ref))
    function toId(
        BatchId batchId,
        address from,
        address to,
        uint64 quantity,
        bytes32 ref
    ) internal pure returns (ShipmentId id) {
        return ShipmentId.wrap(keccak256(abi.encode(batchId, from, to, quantity, ref)));
    }
}
