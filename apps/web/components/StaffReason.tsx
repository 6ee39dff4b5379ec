import { readReason } from "@tracemed/chain/reason";
import { displayText } from "@tracemed/codes/browser";

/** A recall or quarantine reason as the ledger holds it, for staff: the English, and the Chinese under it when given. */
export function StaffReason({ text }: { text: string }) {
  const r = readReason(text);
  return (
    <>
      {displayText(r.en)}
      {r.zh ? (
        <>
          <br />
          <span lang="zh-CN">{displayText(r.zh)}</span>
        </>
      ) : null}
    </>
  );
}
