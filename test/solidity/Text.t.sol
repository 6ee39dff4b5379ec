// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Text} from "../../contracts/libraries/Text.sol";

/// Runs the library's scans on text followed by other bytes, in calldata and in memory: the scans read
/// whole 32-byte words, and what follows a text must never change the verdict.
contract TextHarness {
    /// The scan of `data[:length]`: in calldata, the rest of `data` follows the text.
    function scanCalldata(bytes calldata data, uint256 length) external pure returns (uint256, uint32) {
        return Text.firstForbidden(data[:length]);
    }

    /// The scan of `data[:length]` in memory, followed by the rest of `data` and then 0xff bytes.
    function scanMemory(bytes calldata data, uint256 length) external pure returns (uint256, uint32) {
        bytes memory text = bytes.concat(data, bytes32(type(uint256).max));
        assembly ("memory-safe") {
            mstore(text, length)
        }
        return Text.firstForbiddenInMemory(text);
    }

    function lot(bytes calldata data, uint256 length) external pure returns (uint256, bytes1) {
        return Text.firstNonCset82(data[:length]);
    }
}

contract TextTest {
    TextHarness private harness;

    function setUp() public {
        harness = new TextHarness();
    }

    /// The calldata and memory scans agree whatever follows the text.
    function testFuzz_scanIgnoresTheBytesAfterTheText(bytes calldata data, uint256 length) public view {
        length = data.length == 0 ? 0 : length % (data.length + 1);
        (uint256 p1, uint32 c1) = harness.scanCalldata(data, length);
        (uint256 p2, uint32 c2) = harness.scanMemory(data, length);
        require(p1 == p2 && c1 == c2, "calldata and memory scans differ");
        require(p1 <= length, "position past the end of the text");
        if (p1 == length) require(c1 == 0, "a code point reported for accepted text");
    }

    /// The lot scan, 32 bytes at a time, agrees with a plain byte loop over GS1 CSET 82.
    function testFuzz_lotScanMatchesAByteLoop(bytes calldata data, uint256 length) public view {
        length = data.length == 0 ? 0 : length % (data.length + 1);
        uint256 expected = length;
        for (uint256 i = 0; i < length; ++i) {
            if (!_isCset82(uint8(data[i]))) {
                expected = i;
                break;
            }
        }
        (uint256 position, bytes1 character) = harness.lot(data, length);
        require(position == expected, "lot scan differs from the byte loop");
        require(character == (position < length ? data[position] : bytes1(0)), "lot scan names another byte");
    }

    function _isCset82(uint8 c) private pure returns (bool) {
        if (c < 0x21 || c > 0x7a) return false;
        return c != 0x23 && c != 0x24 && c != 0x40 && (c < 0x5b || c > 0x5e) && c != 0x60;
    }
}
