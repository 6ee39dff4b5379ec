/**
 * Staff with passkeys, end to end in Chromium's virtual authenticator (one per browser context: one per person): a
 * pharmacy's admin invites a pharmacist, who enrols a passkey on a phone and is approved; the pharmacist signs in
 * with the passkey, and once removed is refused. Then passkey members of a manufacturer and a pharmacy register,
 * ship, receive and dispense (each write an intent signed with the passkey and sent by the relayer); the ledger
 * names them as signers, and a removed member's next write is refused. The wallet journey is journey.spec.ts.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, signInAs, test } from "./lib/fixtures";
import { parseCsv } from "./lib/labels";
import { chooseOption, expectTxConfirmed } from "./lib/ui";
import { GS, wedgeScan } from "./lib/wedge";
import { approve, enrol, invite, passkeyMember, phone, signInWithPasskey } from "./lib/passkey";

const PHARMACY = "Apotheke am Markt";
const MANUFACTURER = "Huaxin Pharmaceutical Co., Ltd.";
const DISTRIBUTOR = "Eastern Medical Distribution";

test("a pharmacist enrols a passkey by invitation, is approved, signs in with it, and is refused once removed", async ({
  browser,
  page,
  baseURL,
  shot,
}) => {
  // The admin, on a laptop with a wallet (the demo account).
  await page.goto("/members");
  await signInAs(page, PHARMACY);
  const link = await invite(page, "Li Na, counter phone", ["SHIP", "DISPENSE"]);
  await expect(
    page.getByTestId("invite-created").getByRole("img", { name: "QR code of the invitation link" }),
  ).toBeVisible();
  await shot(page, "passkey-members-invite-1280");
  // Opening the link does not use it (only a created passkey does): the desktop view of the invitation.
  await page.goto(link);
  await expect(page.getByTestId("join-create")).toBeVisible();
  await shot(page, "passkey-join-1280");

  // On the phone: the invitation names the pharmacy and the permissions; a passkey is created.
  const li = await phone(browser, baseURL!);
  await li.page.goto(link);
  await expect(li.page.getByTestId("join-permissions")).toContainText("dispense");
  await shot(li.page, "passkey-join-390");
  const code = await enrol(li.page, link, PHARMACY);
  expect(await li.device.count()).toBe(1);
  await shot(li.page, "passkey-join-done-390");
  // The link works once: opened again, it says so and no more.
  await li.page.goto(link);
  await expect(li.page.getByTestId("join-invalid")).toContainText("cannot be used");
  await li.page.goto(`${link.slice(0, -4)}AAAA`);
  await expect(li.page.getByTestId("join-invalid")).toBeVisible();

  // Not approved yet: the passkey does not sign in.
  await signInWithPasskey(li.page);
  await expect(li.page.getByTestId("passkey-sign-in-problem")).toContainText("not approved");

  // The admin sees the same code beside the waiting passkey and approves it on the ledger.
  await page.goto("/members");
  await expect(page.getByTestId("passkeys-waiting").locator(`[data-code="${code}"]`)).toBeVisible();
  await shot(page, "passkey-members-waiting-1280");
  const member = await approve(page, code, "Li Na, counter phone");
  const row = page.getByTestId("members").locator(`[data-account="${member}"]`);
  await expect(row).toHaveAttribute("data-permissions", "12");
  // The admin tells members apart by who enrolled, not by a derived address.
  await expect(row.getByTestId("member-passkey")).toContainText("Li Na, counter phone");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "passkey-members-390");
  await page.setViewportSize({ width: 1280, height: 800 });

  // The pharmacist signs in with the passkey: the same session, as the passkey's member.
  await signInWithPasskey(li.page);
  await expect(li.page.getByTestId("signed-in")).toContainText(PHARMACY);
  await expect(li.page.getByTestId("signed-in-member")).toHaveAttribute("data-account", member);

  // Removed by the admin: its session is refused at once, and so is its next sign-in.
  await page.reload();
  await page.getByTestId(`member-remove-${member}`).click();
  await page
    .getByTestId("member-remove-dialog")
    .getByRole("button", { name: /remove/i })
    .click();
  await expect(page.getByTestId("members").locator(`[data-account="${member}"]`)).toHaveCount(0, { timeout: 60_000 });
  const refused = await li.page.request.get("/api/custody/shipments?sscc=069012340000012347");
  expect(refused.status()).toBe(403);
  await li.page.request.post("/api/auth/sign-out");
  await signInWithPasskey(li.page);
  await expect(li.page.getByTestId("passkey-sign-in-problem")).toContainText("removed");
});

test("passkey members register a batch, ship it, receive it and dispense a pack; the ledger names them", async ({
  browser,
  page,
  baseURL,
}) => {
  const work = await mkdtemp(path.join(tmpdir(), "tracemed-passkey-"));
  const lot = `PK${Date.now().toString(36).toUpperCase()}`;
  // The packing line's clerk on a laptop; the pharmacist below on a phone.
  const clerk = await passkeyMember(
    browser,
    baseURL!,
    page,
    MANUFACTURER,
    "Chen Jie, packing line",
    ["REGISTER", "SHIP"],
    {
      width: 1280,
      height: 800,
    },
  );
  await test.step("the manufacturer's passkey member registers a batch", async () => {
    const maker = clerk.page;
    await maker.goto("/manufacturer/batches/new");
    const form = maker.getByTestId("register-form");
    await chooseOption(form.getByLabel("Product"), "Amoxicillin");
    await form.getByLabel("Lot number").fill(lot);
    await form.getByLabel("Expiry date").fill(new Date(Date.now() + 2 * 365 * 86_400_000).toISOString().slice(0, 10));
    await form.getByLabel("Number of packs").fill("12");
    await form.getByTestId("register-submit").click();
    const registration = maker.getByTestId("registration");
    await expect(registration).toHaveAttribute("data-status", /^(ready_to_sign|failed)$/, { timeout: 120_000 });
    await registration.getByRole("button", { name: "Sign and register" }).click();
    await expect(registration.getByTestId("registered")).toContainText(`Lot ${lot} is registered`, { timeout: 90_000 });
  });
  const pack = await test.step("the labels' CSV gives a pack to dispense", async () => {
    await clerk.page.getByRole("link", { name: "Open the batch and download its labels" }).click();
    const [d] = await Promise.all([
      clerk.page.waitForEvent("download"),
      clerk.page.getByTestId("download-csv").click(),
    ]);
    const csv = path.join(work, "labels.csv");
    await d.saveAs(csv);
    const row = parseCsv(await readFile(csv, "utf8"))[0]!;
    return { serial: row.serial!, elementString: row.gs1_element_string!.replaceAll("<GS>", GS) };
  });
  const sscc = await test.step("the manufacturer's passkey member ships to the pharmacy", async () => {
    await clerk.page.goto("/ship");
    const form = clerk.page.getByTestId("ship-form");
    await chooseOption(form.getByLabel("Batch"), `lot ${lot}`);
    await chooseOption(form.getByLabel("Recipient", { exact: true }), PHARMACY);
    await form.getByLabel("Quantity (packs)", { exact: true }).fill("12");
    await form.getByRole("button", { name: "Ship", exact: true }).click();
    await expectTxConfirmed(form);
    return clerk.page.getByTestId("shipment-sscc").innerText();
  });

  const admin = await (await browser.newContext()).newPage();
  const counter = await passkeyMember(browser, baseURL!, admin, PHARMACY, "Wang Fang, counter", ["SHIP", "DISPENSE"]);
  await test.step("the pharmacy's passkey member receives the shipment and dispenses a pack", async () => {
    await counter.page.goto("/receive");
    await counter.page.getByRole("button", { name: `Receive shipment ${sscc}` }).click();
    await counter.page.getByTestId("receive-selected").getByRole("button", { name: "Confirm receipt" }).click();
    await expectTxConfirmed(counter.page);
    await counter.page.goto("/pharmacy/dispense");
    await wedgeScan(counter.page, pack.elementString);
    await expect(counter.page.getByTestId("queue-row").filter({ hasText: pack.serial })).toContainText("Ready");
    await counter.page.getByRole("button", { name: "Dispense 1 pack" }).click();
    await expectTxConfirmed(counter.page);
  });

  await test.step("the ledger records the passkey members who signed, not the relayer", async () => {
    const res = await admin.request.get(`/api/custody/shipments?sscc=${sscc}`);
    const { shipments } = (await res.json()) as { shipments: { shippedBy: string; closedBy: string }[] };
    expect(shipments[0]).toMatchObject({ shippedBy: clerk.member, closedBy: counter.member });
  });

  await test.step("removed, the member's next write is refused", async () => {
    await admin.goto("/members");
    await admin.getByTestId(`member-remove-${counter.member}`).click();
    await admin
      .getByTestId("member-remove-dialog")
      .getByRole("button", { name: /remove/i })
      .click();
    await expect(admin.getByTestId("members").locator(`[data-account="${counter.member}"]`)).toHaveCount(0, {
      timeout: 60_000,
    });
    await counter.page.goto("/pharmacy/dispense");
    await expect(counter.page.getByRole("alert").first()).toBeVisible();
    const refused = await counter.page.request.post("/api/relay", { data: {} });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("MemberRemoved");
  });
});

test("a distributor's passkey member receives the demo's pallet and opens it, in English and Chinese", async ({
  browser,
  page,
  baseURL,
  shot,
}) => {
  /** The pallet of two cases the demo seed ships to the distributor (DEMO_PALLET in scripts/lib/seed.ts). */
  const [pallet, cases] = ["069012340090000002", ["069012340090000019", "069012340090000026"]] as const;
  const worker = await passkeyMember(browser, baseURL!, page, DISTRIBUTOR, "Zhao Lei, warehouse", ["SHIP"], {
    width: 1280,
    height: 800,
  });
  const p = worker.page;
  const find = async () => {
    await p.goto("/receive");
    await p.getByLabel(/^(Shipment code \(SSCC or label scan\)|发货码（SSCC 或扫描标签）)$/).fill(pallet);
    await p.getByRole("button", { name: /^(Find shipment|查找发货)$/ }).click();
    return p.getByTestId("unit-arrival");
  };
  await test.step("the passkey member receives the pallet by its SSCC (a ledger intent)", async () => {
    const arrival = await find();
    await expect(arrival).toHaveAttribute("data-sscc", pallet);
    await arrival.getByRole("button", { name: /^Receive all/ }).click();
    await expectTxConfirmed(arrival);
  });
  await test.step("and opens it (a LogisticUnits intent, relayed): its cases are loose stock", async () => {
    const arrival = await find();
    await arrival.getByRole("button", { name: "Open the unit" }).click();
    await expectTxConfirmed(arrival);
    await expect(arrival.getByTestId("unit-seal")).toHaveText("Opened");
    await shot(p, "passkey-unit-opened-1280-en");
    await p.context().addCookies([{ name: "lang", value: "zh-CN", url: baseURL! }]);
    await find();
    await expect(p.getByTestId("unit-arrival").getByTestId("unit-seal")).toHaveText("已拆封");
    await shot(p, "passkey-unit-opened-1280-zh-CN");
  });
  await test.step("its two cases are the distributor's to ship, sealed, on /pack", async () => {
    await p.goto("/pack");
    const held = p.getByTestId("held-units");
    for (const c of cases) await expect(held.locator(`[data-sscc="${c}"]`)).toContainText("10");
    await expect(held.locator(`[data-sscc="${pallet}"]`)).toHaveCount(0);
  });
});
