// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title GS1 check digits for keys held as numbers (GTIN-14, GLN-13), and GS1 company prefixes
library GS1 {
    /// @notice Whether `value`, written with `digits` digits (leading zeros allowed), ends in a valid
    /// GS1 mod-10 check digit: weights 3,1,3,... from the rightmost data digit leftwards.
    function isValidKey(uint256 value, uint256 digits) internal pure returns (bool) {
        if (value == 0 || value >= 10 ** digits) return false;
        uint256 check = value % 10;
        uint256 rest = value / 10;
        uint256 sum;
        // Two digits a step (weights 3 then 1), then a last odd one: the loop is bounded by `digits`
        // (13 or 14) and every term is below 37.
        unchecked {
            uint256 i = 1;
            for (; i + 1 < digits; i += 2) {
                uint256 pair = rest % 100;
                rest /= 100;
                sum += (pair % 10) * 3 + pair / 10;
            }
            if (i < digits) sum += (rest % 10) * 3;
        }
        return (10 - (sum % 10)) % 10 == check;
    }

    /// @dev A company prefix is 4 to 12 digits; leading zeros matter ("0690123" is not "690123").
    uint256 internal constant MIN_PREFIX_DIGITS = 4;
    uint256 internal constant MAX_PREFIX_DIGITS = 12;

    /// @notice A GS1 company prefix of `digits` ASCII digits as one number: its value shifted left by
    /// 8 bits, then its length, so that leading zeros survive. 0 when `digits` is not 4 to 12 ASCII digits.
    function prefixKey(bytes calldata digits) internal pure returns (uint48) {
        uint256 length = digits.length;
        if (length < MIN_PREFIX_DIGITS || length > MAX_PREFIX_DIGITS) return 0;
        uint256 value;
        for (uint256 i = 0; i < length; ++i) {
            uint8 c = uint8(digits[i]);
            if (c < 0x30 || c > 0x39) return 0;
            value = value * 10 + (c - 0x30);
        }
        return uint48((value << 8) | length);
    }

    /// @notice The key (see `prefixKey`) of the first `length` digits of `key`'s prefix.
    function shorterKey(uint48 key, uint256 length) internal pure returns (uint48) {
        return uint48((((key >> 8) / 10 ** ((key & 0xff) - length)) << 8) | length);
    }

    /// @notice Whether the GTIN-14 `gtin` lies under the company prefix `key` (0: none): the prefix is
    /// the GTIN's digits after its indicator digit (a GTIN-13 is a GTIN-14 with indicator 0, and a
    /// U.P.C. company prefix is a GS1 company prefix with a leading 0).
    function isUnderPrefix(uint64 gtin, uint48 key) internal pure returns (bool) {
        if (key == 0) return false;
        // Keys come from prefixKey: 4 <= length <= 12, so nothing here can overflow or underflow.
        unchecked {
            return (uint256(gtin) % 1e13) / 10 ** (13 - (key & 0xff)) == key >> 8;
        }
    }
}
