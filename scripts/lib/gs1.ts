import { withCheckDigit as withCheckDigitText } from "@tracemed/codes";

/** Appends the GS1 mod-10 check digit to `data` (the digits before it), e.g. 952123454321n -> 9521234543213n. */
export const withCheckDigit = (data: bigint): bigint => BigInt(withCheckDigitText(data.toString()));
