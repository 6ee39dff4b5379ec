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
    <dl className="m-0 grid grid-cols-1 gap-x-4 gap-y-1 rounded-card border border-line bg-surface p-4 sm:grid-cols-[max-content_1fr]">
      {facts.map((f, i) =>
        f ? (
          <Fragment key={i}>
            <dt className="text-sm text-muted sm:text-base">{f.term}</dt>
            <dd className="m-0 mb-2 min-w-0 break-words sm:mb-0" data-testid={f.testid}>
              {f.value}
            </dd>
          </Fragment>
        ) : null,
      )}
    </dl>
  );
}
