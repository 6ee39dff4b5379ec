/**
 * The pharmacy counter's keyboard-wedge scanner, on its own: a USB scanner types a GS1 element
 * string a few milliseconds a character and sends FNC1 as Ctrl+] (ASCII 29). Whatever the timing,
 * the field must hold exactly what was scanned, or the pack reads as unknown.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, signInAs, test } from "./lib/fixtures";
import { parseCsv } from "./lib/labels";
import { GS, wedgeScan } from "./lib/wedge";

test("a wedge scan with FNC1 separators keeps every character in order", async ({ page }) => {
  const dataDir = process.env.E2E_DATA_DIR;
  test.skip(!dataDir, "needs the data folder of the stack (E2E_DATA_DIR) for the demo's printed codes");
  // A pack of the demo's Amoxicillin lot, which the seed delivered to this pharmacy.
  const rows = parseCsv(await readFile(path.join(dataDir!, "demo", "labels-AMX2611A.csv"), "utf8"));
  const pack = rows[10]!;
  const scanned = pack.gs1_element_string!.replaceAll("<GS>", GS);
  expect(scanned).toContain(GS);

  await page.goto("/pharmacy/dispense");
  await signInAs(page, "Renmin Road Pharmacy");
  const field = page.getByLabel("Pack code");
  const [before, ...after] = scanned.split(GS);
  for (let i = 0; i < 10; i++) {
    await field.fill("");
    await field.focus();
    await page.keyboard.type(before!, { delay: 4 });
    for (const part of after) {
      await page.keyboard.press("Control+BracketRight");
      await page.keyboard.type(part, { delay: 4 });
    }
    await expect(field, `scan ${i + 1}`).toHaveValue(scanned);
  }
  await field.fill("");
  await field.focus();
  await wedgeScan(page, scanned);
  await expect(page.getByTestId("queue-row").filter({ hasText: pack.serial! })).toContainText("Ready");
});
