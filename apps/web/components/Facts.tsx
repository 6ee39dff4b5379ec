import { Fragment, type ReactNode } from "react";

/** One fact of a record: its name and its value (`testid` marks the value for tests). */
export interface Fact {
  term: ReactNode;
  value: ReactNode;
  testid?: string;
}

/** A record's facts as a description list; a fact given as false or null is left out. */
export function Facts({ facts }: { facts: (Fact | false | null)[] }) {
  return (
    <dl className="facts">
      {facts.map((f, i) =>
        f ? (
          <Fragment key={i}>
            <dt>{f.term}</dt>
            <dd data-testid={f.testid}>{f.value}</dd>
          </Fragment>
        ) : null,
      )}
    </dl>
  );
}
