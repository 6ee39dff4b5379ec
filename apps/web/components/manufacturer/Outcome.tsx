import { Notice } from "@/components/Notice";

/** What a form's last action came to: a refusal (announced at once) or what was done. */
export function Outcome({ problem, done }: { problem: string | null; done: string | null }) {
  return (
    <>
      {problem ? (
        <Notice tone="bad" role="alert">
          {problem}
        </Notice>
      ) : null}
      {done ? (
        <Notice tone="ok" role="status">
          {done}
        </Notice>
      ) : null}
    </>
  );
}
