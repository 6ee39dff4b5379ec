import { displayText } from "@tracemed/codes/browser";
import type { Recipient } from "@tracemed/provenance/custody";

/** The options of a recipient <select>: "choose…" first, then each organisation by name and GLN. */
export function RecipientOptions({ recipients, choose }: { recipients: Recipient[]; choose: string }) {
  return (
    <>
      <option value="">{choose}</option>
      {recipients.map((o) => (
        <option key={o.account} value={o.account}>
          {displayText(o.name)} · GLN {o.gln}
        </option>
      ))}
    </>
  );
}
