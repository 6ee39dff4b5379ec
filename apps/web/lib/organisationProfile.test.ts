/**
 * An organisation's name in Chinese, through PUT /api/organisation/profile as Next.js calls it: its
 * administrators set and clear it; other members are refused; what cannot be shown is refused as JSON 400.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PERMIT } from "@tracemed/chain";
import { MEMBERS } from "@tracemed/indexer/testing";
import { callRoute, startAppWorld } from "@/lib/testing/appRoutes";

describe("an organisation's Chinese name", () => {
  let world: Awaited<ReturnType<typeof startAppWorld>>;
  before(async () => {
    world = await startAppWorld("profile");
  });
  after(async () => world?.stop());

  const put = (cookie: string, body: unknown) =>
    callRoute("api/organisation/profile", "PUT", { body, headers: { cookie } });
  const stored = async () =>
    (
      await world.database.db.organisationProfile.findUnique({
        where: { account: world.ledger.cast.maker.address.toLowerCase() },
      })
    )?.nameZh ?? null;

  it("isSetAndClearedByAnAdministrator", async () => {
    const res = await put(world.cookie("maker"), { nameZh: " 华新制药 " });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { profile: { nameZh: "华新制药" } });
    assert.equal(await stored(), "华新制药");
    assert.equal((await put(world.cookie("maker"), { nameZh: "" })).status, 200);
    assert.equal(await stored(), null);
  });

  it("refusesWhatCannotBeShown_withAJson400", async () => {
    for (const [nameZh, code, message] of [
      ["华新\u202E制药", "FieldCharacter", /Chinese name contains U\+202E/],
      ["华".repeat(61), "FieldTooLong", /at most 60/],
      [42, "FieldCharacter", /Chinese name must be text/],
    ] as const) {
      const res = await put(world.cookie("maker"), { nameZh });
      assert.equal(res.status, 400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, code);
      assert.match(error.message, message);
    }
    assert.equal(await stored(), null);
  });

  it("isRefusedToAMemberWhoIsNoAdministrator", async () => {
    const { ledger } = world;
    await ledger.wait(ledger.contract(ledger.cast.maker).write.addMember([MEMBERS.makerClerk.address, PERMIT.SHIP]));
    await world.index();
    const res = await put(world.cookie(MEMBERS.makerClerk.address), { nameZh: "华新制药" });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "PermissionRequired");
    assert.equal(await stored(), null);
  });
});
