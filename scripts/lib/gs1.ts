/** Appends the GS1 mod-10 check digit to `data` (the digits before it), e.g. 952123454321n -> 9521234543213n. */
export function withCheckDigit(data: bigint): bigint {
  let sum = 0n;
  let weight = 3n;
  for (let rest = data; rest > 0n; rest /= 10n) {
    sum += (rest % 10n) * weight;
    weight = weight === 3n ? 1n : 3n;
  }
  return data * 10n + ((10n - (sum % 10n)) % 10n);
}
