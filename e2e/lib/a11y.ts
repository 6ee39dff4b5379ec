/** The accessibility instruments of a11y.spec.ts: axe-core's serious findings, and a keyboard walk with Tab. */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** The serious and critical violations axe finds on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes
          .slice(0, 2)
          .map((n) => n.target.join(" "))
          .join(" | ")})`,
    );
}

/**
 * Presses Tab from the top of the page until focus comes round again and returns the visible controls it never
 * reached (a control out of the Tab order, or one a trap keeps focus from). A group of radio buttons is one stop,
 * as browsers make it (arrow keys move inside it).
 */
export async function unreachedByTab(page: Page): Promise<string[]> {
  const total = await page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])",
    );
    const keys = new Set<string>();
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      const seen =
        r.width > 1 &&
        r.height > 1 &&
        el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
        !(el as HTMLButtonElement).disabled &&
        !el.closest("[inert], [aria-hidden=true]");
      if (!seen) continue;
      const radio = el instanceof HTMLInputElement && el.type === "radio";
      el.dataset.a11yControl = radio ? `radio:${el.name}` : String(keys.size);
      keys.add(el.dataset.a11yControl);
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return keys.size;
  });
  const reached = new Set<string>();
  let first: string | null = null;
  for (let i = 0; i < total * 2 + 20; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.dataset.a11yControl ?? (el && el !== document.body ? `other:${el.tagName}` : null);
    });
    if (id === null) continue;
    if (id === first) break;
    first ??= id;
    reached.add(id);
  }
  return page.evaluate(
    (seen) => [
      ...new Set(
        [...document.querySelectorAll<HTMLElement>("[data-a11y-control]")]
          .filter((el) => !seen.includes(el.dataset.a11yControl!))
          .map(
            (el) =>
              `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute("aria-label") || el.getAttribute("name") || "").trim().slice(0, 40)}"`,
          ),
      ),
    ],
    [...reached],
  );
}
