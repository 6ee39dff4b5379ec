import { Notice } from "@/components/Notice";

/** What a scan led to, under the scanner: still looking, a problem (with detail), or done. */
export type ScanProblem = { text: string; detail?: string };

/** Why a scan was not taken (an alert), with its detail where there is one. */
export function ScanProblemPanel({ problem, testId }: { problem: ScanProblem | null; testId: string }) {
  if (!problem) return null;
  return (
    <Notice tone="bad" className="my-3" role="alert" data-testid={testId}>
      <p>{problem.text}</p>
      {problem.detail ? <p className="text-sm text-muted">{problem.detail}</p> : null}
    </Notice>
  );
}

export function ScanFeedback(props: {
  testId: string;
  looking: boolean;
  lookingText: string;
  problem: ScanProblem | null;
  done: string | null;
}) {
  const { testId, looking, lookingText, problem, done } = props;
  return (
    <>
      {looking ? (
        <p role="status" className="my-2 text-muted">
          {lookingText}
        </p>
      ) : null}
      <ScanProblemPanel problem={problem} testId={`${testId}-error`} />
      {done ? (
        <Notice tone="ok" className="my-3" role="status" data-testid={`${testId}-done`}>
          {done}
        </Notice>
      ) : null}
    </>
  );
}
