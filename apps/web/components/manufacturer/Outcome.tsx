import { Notice } from "@/components/Notice";

/** What a form's last action came to: a refusal (announced at once) or what was done. */
export function Outcome({
  problem,
  done,
  testid,
}: {
  problem: string | null;
  done: string | null;
  /** the test id of what was done */
  testid?: string;
}) {
  return (
    <>
      {problem ? (
        <Notice tone="bad" role="alert">
          {problem}
        </Notice>
      ) : null}
      {done ? (
        <Notice tone="ok" role="status" data-testid={testid}>
          {done}
        </Notice>
      ) : null}
    </>
  );
}
