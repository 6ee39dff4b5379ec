/**
 * The GS1 mod-10 check digit shared by GTIN, GLN and SSCC: weights 3,1,3,1,... from the
 * rightmost data digit leftwards; check = (10 - sum mod 10) mod 10.
 * `body` must be digits only (callers validate first).
 */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += (body.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a digit string ends in its valid GS1 check digit. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (digits.length < 2 || !/^[0-9]+$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}
