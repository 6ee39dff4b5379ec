/** What a scan led to, under the scanner: still looking, a problem (with detail), or done. */
export type ScanProblem = { text: string; detail?: string };

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
      {problem ? (
        <div className="panel panel-bad" role="alert" data-testid={`${testId}-error`}>
          <p>
            <span aria-hidden="true">✕ </span>
            {problem.text}
          </p>
          {problem.detail ? <p className="hint">{problem.detail}</p> : null}
        </div>
      ) : null}
      {done ? (
        <p className="panel panel-ok" role="status" data-testid={`${testId}-done`}>
          <span aria-hidden="true">✓ </span>
          {done}
        </p>
      ) : null}
    </>
  );
}
