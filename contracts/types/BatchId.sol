// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice A batch's id: keccak256(abi.encodePacked(uint64 gtin, bytes lot)), so a (GTIN, lot) pair
/// names one batch. It is `bytes32` in the ABI.
type BatchId is bytes32;

/// @title The one place a batch id is computed
/// @notice The contracts compute a batch id only through `toId` (the pattern of Uniswap v4's PoolIdLibrary).
library BatchIdLibrary {
    /// @notice The id a (GTIN, lot) pair registers under.
    /// @param gtin GTIN-14 as a number (check digit included)
    /// @param lot GS1 AI 10 value
    /// @return id keccak256(abi.encodePacked(gtin, lot))
    function toId(uint64 gtin, string calldata lot) internal pure returns (BatchId id) {
        return BatchId.wrap(keccak256(abi.encodePacked(gtin, lot)));
    }
}
