/**
 * HTML as strings, escaped by default: `html` is a tagged template in which every interpolated value is
 * escaped unless it is itself a rendered fragment (an `Html`, made only by `html` or `raw`). Arrays are
 * joined, and null, undefined and false render nothing, so pages can write `${cond ? html`…` : null}`.
 */

/** A rendered fragment: safe to interpolate as it is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text escaped for an element's content or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type Interpolation = Html | string | number | bigint | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup written in this package (the stylesheet, a bundle's script tag); never a value from outside. */
export function raw(text: string): Html {
  return new Html(text);
}

/** A value for inline JSON in a `<script type="application/json">`: `<` escaped so it cannot end the element. */
export function jsonScript(value: unknown): Html {
  return new Html(
    JSON.stringify(value)
      .replace(/</g, "\\u003c")
      .replace(/\u2028|\u2029/g, ""),
  );
}
