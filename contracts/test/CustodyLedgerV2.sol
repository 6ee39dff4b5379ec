// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CustodyLedger} from "../CustodyLedger.sol";

/// @title A second implementation of the ledger, for the upgrade test (never deployed by the product)
/// @notice The same code and storage layout with one view added, as a bug fix would be.
contract CustodyLedgerV2 is CustodyLedger {
    /// @notice Which implementation answers.
    /// @return 2
    function version() external pure returns (uint256) {
        return 2;
    }
}
