import type { ReactNode } from "react";

/** A page's opening: the way back where there is one, its title, and what it is for. */
export function PageHead({
  title,
  lede,
  back,
}: {
  title: ReactNode;
  lede?: ReactNode;
  back?: { href: string; text: string };
}) {
  return (
    <>
      {back ? (
        <p>
          <a href={back.href}>← {back.text}</a>
        </p>
      ) : null}
      <h1>{title}</h1>
      {lede ? <p className="lede">{lede}</p> : null}
    </>
  );
}
