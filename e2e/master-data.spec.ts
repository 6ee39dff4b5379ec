/**
 * Master data in the consumer's language: a manufacturer gives a product in Chinese with its approval number
 * (each field checked as typed), attaches its patient leaflets (a PDF checked as chosen, and an https link),
 * which anyone then reads at /leaflet/...; an organisation's admin sets its Chinese name on /members.
 */
import { expect, signInAs, test } from "./lib/fixtures";

const MAKER = "Huaxin Pharmaceutical Co., Ltd.";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

test("a manufacturer gives a product in Chinese and attaches its leaflets; its admin names it in Chinese", async ({
  page,
  shot,
}) => {
  await page.goto("/batches");
  await signInAs(page, MAKER);
  await page.goto("/manufacturer/products");
  const table = page.getByTestId("products-table");
  await expect(table).toContainText("阿莫西林", { timeout: 30_000 });
  const row = table.locator("tr", { hasText: "Metformin hydrochloride" });
  const gtin = await row.getAttribute("data-gtin");
  await row.getByRole("button", { name: "Edit Metformin hydrochloride" }).click();

  const form = page.getByTestId("product-form");
  await expect(form.getByLabel("Generic name in Chinese (通用名)")).toHaveValue("盐酸二甲双胍");
  const approval = form.getByLabel("Approval number");
  await approval.fill("H2026<3002");
  await expect(approval).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("may hold only letters, digits, spaces and / - . ( ).");
  await approval.fill("国药准字H20263099");
  await expect(approval).not.toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Brand name in Chinese").fill("华新二甲双胍");
  await form.getByRole("button", { name: "Save product" }).click();
  await expect(form.getByRole("status")).toContainText("Saved Metformin hydrochloride.");
  await expect(row).toContainText("国药准字H20263099");
  await expect(row).toContainText("华新二甲双胍");

  // Leaflets are attached to a saved product.
  await row.getByRole("button", { name: "Edit Metformin hydrochloride" }).click();
  const en = page.getByTestId("leaflet-en");
  await en
    .getByLabel("PDF file")
    .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hi") });
  await expect(en).toContainText("The leaflet must be a PDF file");
  await expect(en.getByRole("button", { name: "Upload the PDF" })).toBeDisabled();
  await en.getByLabel("PDF file").setInputFiles({ name: "metformin.pdf", mimeType: "application/pdf", buffer: PDF });
  await en.getByRole("button", { name: "Upload the PDF" }).click();
  await expect(en.getByRole("status")).toContainText("Saved the leaflet in English.");
  await expect(en.getByTestId("leaflet-current")).toContainText("PDF file metformin.pdf");

  const zh = page.getByTestId("leaflet-zh-CN");
  const link = zh.getByLabel("Or an https link");
  await link.fill("http://pharma.example.com/zh.pdf");
  await expect(zh).toContainText("must be a full https:// address");
  await expect(zh.getByRole("button", { name: "Save the link" })).toBeDisabled();
  await link.fill("https://pharma.example.com/metformin-zh.pdf");
  await zh.getByRole("button", { name: "Save the link" }).click();
  await expect(zh.getByTestId("leaflet-current")).toContainText("Link to https://pharma.example.com/metformin-zh.pdf");
  await shot(page, "manufacturer-products-leaflets");

  // Anyone reads them, through the public port.
  const file = await page.request.get(`/leaflet/${gtin}/en`);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect((await file.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const redirect = await page.request.get(`/leaflet/${gtin}/zh-CN`, { maxRedirects: 0 });
  expect(redirect.status()).toBe(302);
  expect(redirect.headers()["location"]).toBe("https://pharma.example.com/metformin-zh.pdf");
  const none = await page.request.get(`/leaflet/${gtin}/fr`);
  expect(none.status()).toBe(400);
  expect((await none.json()).error.code).toBe("LeafletLocale");

  // The organisation's Chinese name, set by its admin (the seed gave one).
  await page.goto("/members");
  const name = page.getByTestId("organisation-name-zh");
  const field = name.getByLabel(`${MAKER} in Chinese`);
  await expect(field).toHaveValue("华新制药有限公司");
  await field.fill("华新\u202E制药");
  await expect(name).toContainText("contains U+202E");
  await field.fill("华新制药");
  await name.getByRole("button", { name: "Save the Chinese name" }).click();
  await expect(name.getByRole("status")).toContainText("Chinese readers now see 华新制药");
  await field.fill("华新制药有限公司");
  await name.getByRole("button", { name: "Save the Chinese name" }).click();
  await expect(name.getByRole("status")).toContainText("Chinese readers now see 华新制药有限公司");
});
