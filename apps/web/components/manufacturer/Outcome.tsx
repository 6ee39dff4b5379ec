/** What a form's last action came to: a refusal (announced at once) or what was done. */
export function Outcome({ problem, done }: { problem: string | null; done: string | null }) {
  return (
    <>
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="ok">
          ✓ {done}
        </p>
      ) : null}
    </>
  );
}
