// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

// The two scans read 32 bytes at a time and decode UTF-8 in assembly, each in one loop: every public write
// with text runs one, and split into smaller functions or written in Solidity they cost more gas per call.
// solhint-disable no-inline-assembly, function-max-lines

/// @title What the ledger accepts as a lot, and as a name or a reason
/// @notice Both scans answer with the byte offset of the first refused character, or the length of
/// the text when there is none. The same rules live in packages/codes (text.ts, cset82.ts), and the
/// contract tests run one table of cases against both.
///
/// A lot (GS1 AI 10) is GS1 CSET 82: `!"%&'()*+,-./0-9:;<=>?A-Z_a-z`.
///
/// A name or a reason is UTF-8 text without the characters that no person types into a form and
/// that can hide, fake or reorder what a reader sees (Unicode's Default_Ignorable_Code_Point set is
/// the guide: characters that display as nothing):
/// - C0 and C1 controls: U+0000-U+001F, U+007F, U+0080-U+009F (NUL included; also line breaks and
///   tabs: a name or a reason is one line);
/// - bidirectional marks, embeddings, overrides and isolates: U+061C, U+200E, U+200F,
///   U+202A-U+202E, U+2066-U+2069;
/// - invisible characters: U+00AD soft hyphen, U+034F combining grapheme joiner, U+115F, U+1160,
///   U+3164 and U+FFA0 Hangul fillers, U+17B4, U+17B5, U+180B-U+180F, U+200B zero width space,
///   U+2028 and U+2029 line and paragraph separators, U+2060-U+206F (word joiner, invisible
///   operators, deprecated format characters), U+FEFF, U+FFF0-U+FFFB (interlinear annotations hide
///   text), U+1BCA0-U+1BCA3, U+1D173-U+1D17A, U+E0000-U+E0FFF (tag characters and the variation
///   selectors supplement, which can carry text that is never shown).
/// Kept, although invisible: U+200C and U+200D (zero width non-joiner and joiner) and U+FE00-U+FE0F
/// (variation selectors), which Persian and Indic scripts and emoji need and which only change how
/// the character next to them looks. Byte sequences that are not UTF-8 (overlong forms, surrogates,
/// code points above U+10FFFF, cut-off sequences, stray continuation bytes) are refused as NOT_UTF8.
library Text {
    /// @notice The code point reported for a byte sequence that is not UTF-8.
    uint32 internal constant NOT_UTF8 = type(uint32).max;

    /// @notice The offset of the first byte of `lot` outside GS1 CSET 82 (`lot.length`: none), and
    /// that byte.
    function firstNonCset82(bytes calldata lot) internal pure returns (uint256 position, bytes1 character) {
        assembly ("memory-safe") {
            let high := 0x8080808080808080808080808080808080808080808080808080808080808080
            let length := lot.length
            position := length
            for {
                let i := 0
            } lt(i, length) {
                i := add(i, 0x20)
            } {
                // 32 bytes at a time. For a byte x, (x | 0x80) - t stays within its byte (t <= 0x80) and
                // keeps bit 7 exactly when x & 0x7f >= t. CSET 82 is the union of [0x21, 0x23), [0x25, 0x40),
                // [0x41, 0x5b), [0x5f, 0x60) and [0x61, 0x7b): as the thresholds rise, an ASCII byte is in
                // it exactly when it reaches an odd number of them, so bit 7 of the XOR of the ten
                // differences flags the accepted bytes. Bytes >= 0x80 are refused apart.
                // Past the end of the calldata, calldataload reads zeros; past the lot, bytes do not count.
                let w := calldataload(add(lot.offset, i))
                let wh := or(w, high)
                let odd := xor(
                    xor(
                        xor(
                            sub(wh, 0x2121212121212121212121212121212121212121212121212121212121212121),
                            sub(wh, 0x2323232323232323232323232323232323232323232323232323232323232323)
                        ),
                        xor(
                            sub(wh, 0x2525252525252525252525252525252525252525252525252525252525252525),
                            sub(wh, 0x4040404040404040404040404040404040404040404040404040404040404040)
                        )
                    ),
                    xor(
                        xor(
                            xor(
                                sub(wh, 0x4141414141414141414141414141414141414141414141414141414141414141),
                                sub(wh, 0x5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b)
                            ),
                            xor(
                                sub(wh, 0x5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f),
                                sub(wh, 0x6060606060606060606060606060606060606060606060606060606060606060)
                            )
                        ),
                        xor(
                            sub(wh, 0x6161616161616161616161616161616161616161616161616161616161616161),
                            sub(wh, 0x7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b)
                        )
                    )
                )
                let bad := or(and(w, high), and(not(odd), high))
                let rest := sub(length, i)
                if lt(rest, 0x20) {
                    bad := and(bad, not(shr(mul(8, rest), not(0))))
                }
                if bad {
                    let j := 0
                    for {} iszero(byte(j, bad)) {} {
                        j := add(j, 1)
                    }
                    position := add(i, j)
                    character := shl(248, byte(j, w))
                    break
                }
            }
        }
    }

    /// @notice The offset of the first refused character of `text` (`text.length`: none), and its
    /// code point (NOT_UTF8 where the bytes are not UTF-8).
    function firstForbidden(bytes calldata text) internal pure returns (uint256 position, uint32 codePoint) {
        uint256 data;
        assembly ("memory-safe") {
            data := text.offset
        }
        return _firstForbidden(data, text.length, true);
    }

    /// @notice As firstForbidden(bytes calldata), for text in memory (the constructor's arguments).
    function firstForbiddenInMemory(bytes memory text) internal pure returns (uint256 position, uint32 codePoint) {
        uint256 data;
        assembly ("memory-safe") {
            data := add(text, 0x20)
        }
        return _firstForbidden(data, text.length, false);
    }

    /// @dev One scan for both locations: `data` is where the text's bytes start, in calldata or memory.
    /// Words are read up to 31 bytes past the end of the text; those bytes never count.
    function _firstForbidden(
        uint256 data,
        uint256 length,
        bool inCalldata
    ) private pure returns (uint256 position, uint32 codePoint) {
        assembly ("memory-safe") {
            function load(p, fromCalldata) -> w {
                switch fromCalldata
                case 1 {
                    w := calldataload(p)
                }
                default {
                    w := mload(p)
                }
            }
            // Whether the code point `c` (>= 0x80) is refused; the list is in the library's notice.
            // in(c, a, n): a <= c < a + n (c - a wraps around when c < a).
            function inRange(c, a, n) -> f {
                f := lt(sub(c, a), n)
            }
            function refused(c) -> f {
                switch lt(c, 0x2000)
                case 1 {
                    f := or(
                        or(lt(c, 0xa0), eq(c, 0xad)),
                        or(
                            or(eq(c, 0x34f), eq(c, 0x61c)),
                            or(or(inRange(c, 0x115f, 2), inRange(c, 0x17b4, 2)), inRange(c, 0x180b, 5))
                        )
                    )
                }
                default {
                    switch lt(c, 0x10000)
                    case 1 {
                        f := or(
                            or(
                                or(eq(c, 0x200b), inRange(c, 0x200e, 2)),
                                or(inRange(c, 0x2028, 7), inRange(c, 0x2060, 16))
                            ),
                            or(or(eq(c, 0x3164), eq(c, 0xfeff)), or(eq(c, 0xffa0), inRange(c, 0xfff0, 12)))
                        )
                    }
                    default {
                        f := or(or(inRange(c, 0x1bca0, 4), inRange(c, 0x1d173, 8)), inRange(c, 0xe0000, 0x1000))
                    }
                }
            }

            position := length
            let i := 0
            // Printable ASCII, 32 bytes at a time (flags as in firstNonCset82): bytes >= 0x80, bytes
            // whose low 7 bits are below 0x20, and bytes whose low 7 bits are 0x7f. A word with any of
            // them sends the rest of the text, from that word on, to the byte loop below.
            for {} lt(i, length) {
                i := add(i, 0x20)
            } {
                let w := load(add(data, i), inCalldata)
                let high := 0x8080808080808080808080808080808080808080808080808080808080808080
                let ones := 0x0101010101010101010101010101010101010101010101010101010101010101
                let low7 := and(w, not(high))
                let bad := or(
                    and(w, high),
                    or(xor(and(sub(or(w, high), mul(ones, 0x20)), high), high), and(add(low7, ones), high))
                )
                let rest := sub(length, i)
                if lt(rest, 0x20) {
                    bad := and(bad, not(shr(mul(8, rest), not(0))))
                }
                if bad {
                    break
                }
            }
            // One character at a time; `i` is the offset of the character being read.
            for {} lt(i, length) {} {
                let w := load(add(data, i), inCalldata)
                let b := byte(0, w)
                if lt(b, 0x80) {
                    if or(lt(b, 0x20), eq(b, 0x7f)) {
                        position := i
                        codePoint := b
                        break
                    }
                    i := add(i, 1)
                    continue
                }
                // A lead byte gives the sequence's length n, the bits it carries and the smallest
                // code point that needs n bytes (anything below is an overlong form).
                let n := 0
                let c := 0
                let least := 0
                switch lt(b, 0xe0)
                case 1 {
                    if iszero(lt(b, 0xc2)) {
                        n := 2
                        c := and(b, 0x1f)
                        least := 0x80
                    }
                }
                default {
                    switch lt(b, 0xf0)
                    case 1 {
                        n := 3
                        c := and(b, 0x0f)
                        least := 0x800
                    }
                    default {
                        if lt(b, 0xf5) {
                            n := 4
                            c := and(b, 0x07)
                            least := 0x10000
                        }
                    }
                }
                let ok := and(gt(n, 0), iszero(gt(add(i, n), length)))
                for {
                    let k := 1
                } and(ok, lt(k, n)) {
                    k := add(k, 1)
                } {
                    let cb := byte(k, w)
                    ok := eq(and(cb, 0xc0), 0x80)
                    c := or(shl(6, c), and(cb, 0x3f))
                }
                // Not overlong, not a surrogate (U+D800-U+DFFF), not above U+10FFFF.
                ok := and(ok, and(iszero(lt(c, least)), and(iszero(inRange(c, 0xd800, 0x800)), lt(c, 0x110000))))
                if iszero(ok) {
                    position := i
                    codePoint := 0xffffffff
                    break
                }
                if refused(c) {
                    position := i
                    codePoint := c
                    break
                }
                i := add(i, n)
            }
        }
    }
}
