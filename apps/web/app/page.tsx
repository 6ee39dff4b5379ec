import { getI18n } from "../lib/i18n/server";

/** The consumer's front door (the consumer area's owner fills this in). */
export default async function HomePage() {
  const { m } = await getI18n();
  return (
    <main>
      <h1>{m.common.nav.verify}</h1>
      <p className="lede">{m.common.tagline}</p>
      <p>
        <a href="/scan">{m.common.nav.scan}</a>
      </p>
    </main>
  );
}
