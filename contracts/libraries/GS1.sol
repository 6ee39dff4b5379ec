// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title GS1 check digits for keys held as numbers (GTIN-14, GLN-13)
library GS1 {
    /// @notice Whether `value`, written with `digits` digits (leading zeros allowed), ends in a valid
    /// GS1 mod-10 check digit: weights 3,1,3,... from the rightmost data digit leftwards.
    function isValidKey(uint256 value, uint256 digits) internal pure returns (bool) {
        if (value == 0 || value >= 10 ** digits) return false;
        uint256 check = value % 10;
        uint256 rest = value / 10;
        uint256 sum;
        // The loop is bounded by `digits` (13 or 14) and every term is below 28.
        unchecked {
            for (uint256 i = 1; i < digits; ++i) {
                uint256 d = rest % 10;
                rest /= 10;
                sum += (i & 1 == 1) ? d * 3 : d;
            }
        }
        return (10 - (sum % 10)) % 10 == check;
    }
}
