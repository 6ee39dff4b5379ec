import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLE } from "@tracemed/chain";
import { dashboardFor, landingAfterSignIn } from "./dashboard";

describe("where staff land after signing in", () => {
  it("sends each demo role to its own dashboard", () => {
    assert.equal(dashboardFor(ROLE.REGULATOR), "/regulator");
    assert.equal(dashboardFor(ROLE.MANUFACTURER), "/manufacturer");
    assert.equal(dashboardFor(ROLE.DISTRIBUTOR), "/distributor");
    assert.equal(dashboardFor(ROLE.PHARMACY), "/pharmacy");
    assert.equal(dashboardFor(ROLE.VERIFIER), "/batches");
    assert.equal(dashboardFor(0), "/batches");
  });

  it("leaves the consumer's pages for the dashboard", () => {
    assert.equal(landingAfterSignIn("/", ROLE.PHARMACY), "/pharmacy");
    assert.equal(landingAfterSignIn("/scan", ROLE.MANUFACTURER), "/manufacturer");
  });

  it("stays on a staff page the organisation may use", () => {
    assert.equal(landingAfterSignIn("/receive", ROLE.PHARMACY), null);
    assert.equal(landingAfterSignIn("/manufacturer/batches/new", ROLE.MANUFACTURER), null);
    assert.equal(landingAfterSignIn("/members", ROLE.DISTRIBUTOR), null);
    assert.equal(landingAfterSignIn("/batches/0xab", ROLE.REGULATOR), null);
  });

  it("moves a switch to another role's organisation off the page it cannot use", () => {
    assert.equal(landingAfterSignIn("/manufacturer", ROLE.PHARMACY), "/pharmacy");
    assert.equal(landingAfterSignIn("/regulator/council", ROLE.DISTRIBUTOR), "/distributor");
    assert.equal(landingAfterSignIn("/receive", ROLE.REGULATOR), "/regulator");
    // a prefix is a whole segment: /shipping is not /ship
    assert.equal(landingAfterSignIn("/shipping", ROLE.DISTRIBUTOR), "/distributor");
  });
});
