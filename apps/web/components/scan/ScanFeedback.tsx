/** What a scan led to, under the scanner: still looking, a problem (with detail), or done. */
export type ScanProblem = { text: string; detail?: string };

/** Why a scan was not taken (an alert), with its detail where there is one. */
export function ScanProblemPanel({
  problem,
  testId,
  className,
}: {
  problem: ScanProblem | null;
  testId: string;
  className: string;
}) {
  if (!problem) return null;
  return (
    <div className={className} role="alert" data-testid={testId}>
      <p>
        <span aria-hidden="true">✕ </span>
        {problem.text}
      </p>
      {problem.detail ? <p className="hint">{problem.detail}</p> : null}
    </div>
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
        <p role="status" className="hint">
          {lookingText}
        </p>
      ) : null}
      <ScanProblemPanel problem={problem} testId={`${testId}-error`} className="panel panel-bad" />
      {done ? (
        <p className="panel panel-ok" role="status" data-testid={`${testId}-done`}>
          <span aria-hidden="true">✓ </span>
          {done}
        </p>
      ) : null}
    </>
  );
}
