/**
 * The short code a new member's screen shows after enrolling and the admin sees beside the waiting passkey: both
 * are computed from the passkey's member address, so matching them tells the admin they approve the right phone.
 */
export function enrolmentCode(member: string): string {
  const n = Number(BigInt(member) % 1_000_000n)
    .toString()
    .padStart(6, "0");
  return `${n.slice(0, 3)} ${n.slice(3)}`;
}
