/**
 * Suspension and removal are enforced off chain too: every staff route, called as Next.js calls it, with a
 * session cookie made before the council suspended the organisation (or before an admin removed the member's
 * key), is refused once the indexer has projected it, on the very next request. The chain is a real anvil,
 * the suspension a real `suspend` by the council, the removal a real `removeMember` by the organisation's
 * admin, and the database rows the indexer's projection of them.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { glob, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { founderPermissions } from "@tracemed/chain";
import { catchUp, MEMBERS, openDatabase, startLedger, type Ledger, type Party } from "@tracemed/indexer/testing";
import { callRoute, useLedgerAppEnvironment } from "@/lib/testing/appRoutes";
import { SESSION_COOKIE, signSession } from "./token";

const BATCH = `0x${"ab".repeat(32)}`;
const REGISTRATION = "0f8e1c6a-1b2c-4d3e-8f90-a1b2c3d4e5f6";
const SSCC = "069012340000012347";

/** Every staff API route and method, with the party whose role it needs and a request it accepts to read. */
const STAFF_ROUTES: {
  party: Party;
  method: string;
  dir: string;
  params?: Record<string, string>;
  url?: string;
  body?: unknown;
}[] = [
  { party: "maker", method: "GET", dir: "api/manufacturer/products" },
  { party: "maker", method: "POST", dir: "api/manufacturer/products", body: {} },
  {
    party: "maker",
    method: "PUT",
    dir: "api/manufacturer/products/[gtin]",
    params: { gtin: "06901234000019" },
    body: {},
  },
  ...["PUT", "DELETE"].map((method) => ({
    party: "maker" as const,
    method,
    dir: "api/manufacturer/products/[gtin]/leaflets/[locale]",
    params: { gtin: "06901234000019", locale: "zh-CN" },
    body: method === "PUT" ? {} : undefined,
  })),
  { party: "maker", method: "PUT", dir: "api/organisation/profile", body: {} },
  { party: "maker", method: "GET", dir: "api/manufacturer/registrations" },
  { party: "maker", method: "POST", dir: "api/manufacturer/registrations", body: {} },
  { party: "maker", method: "GET", dir: "api/manufacturer/registrations/[id]", params: { id: REGISTRATION } },
  { party: "maker", method: "DELETE", dir: "api/manufacturer/registrations/[id]", params: { id: REGISTRATION } },
  { party: "maker", method: "POST", dir: "api/manufacturer/registrations/[id]/retry", params: { id: REGISTRATION } },
  {
    party: "maker",
    method: "POST",
    dir: "api/manufacturer/registrations/[id]/submitted",
    params: { id: REGISTRATION },
    body: {},
  },
  { party: "maker", method: "GET", dir: "api/manufacturer/batches/[batchId]/labels", params: { batchId: BATCH } },
  { party: "maker", method: "DELETE", dir: "api/manufacturer/batches/[batchId]/labels", params: { batchId: BATCH } },
  {
    party: "maker",
    method: "GET",
    dir: "api/manufacturer/batches/[batchId]/labels/[kind]",
    params: { batchId: BATCH, kind: "csv" },
  },
  { party: "pharmacy", method: "POST", dir: "api/custody/proofs", body: { batchId: BATCH, indices: [0] } },
  { party: "pharmacy", method: "POST", dir: "api/custody/packs/lookup", body: {} },
  {
    party: "distributor",
    method: "GET",
    dir: "api/custody/shipments",
    url: `http://127.0.0.1:3100/api/custody/shipments?sscc=${SSCC}`,
  },
  { party: "distributor", method: "GET", dir: "api/custody/shipments/[sscc]/qr", params: { sscc: SSCC } },
  { party: "distributor", method: "GET", dir: "api/custody/units/[sscc]", params: { sscc: SSCC } },
  { party: "distributor", method: "GET", dir: "api/custody/units/[sscc]/label", params: { sscc: SSCC } },
  { party: "distributor", method: "POST", dir: "api/custody/units/proofs", body: { sscc: SSCC } },
  { party: "maker", method: "POST", dir: "api/custody/units/packs", body: {} },
  { party: "maker", method: "GET", dir: "api/reports" },
  { party: "maker", method: "GET", dir: "api/members/invitations" },
  { party: "maker", method: "POST", dir: "api/members/invitations", body: {} },
  { party: "maker", method: "POST", dir: "api/members/enrolments/decline", body: {} },
  { party: "pharmacy", method: "POST", dir: "api/relay", body: {} },
  ...["api/integrations/clients", "api/integrations/webhooks"].map((dir) => ({
    party: "distributor" as const,
    method: "GET",
    dir,
  })),
  ...[
    "api/integrations/clients",
    "api/integrations/clients/revoke",
    "api/integrations/webhooks",
    "api/integrations/webhooks/delete",
  ].map((dir) => ({ party: "distributor" as const, method: "POST", dir, body: {} })),
  {
    party: "pharmacy",
    method: "POST",
    dir: "api/rpc",
    body: { jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: ["0x00"] },
  },
];

describe("suspension reaches every staff route (a session made before it is refused after it)", () => {
  let chainDir: string;
  let keysDir: string;
  let ledger: Ledger;
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let index: () => Promise<void>;
  const secret = randomBytes(32).toString("hex");
  const cookies = new Map<Party, string>();

  before(async () => {
    chainDir = await mkdtemp(path.join(tmpdir(), "tracemed-suspend-chain-"));
    keysDir = await mkdtemp(path.join(tmpdir(), "tracemed-suspend-keys-"));
    ledger = await startLedger(chainDir);
    database = await openDatabase("embedded PGlite", 4);
    const indexer = ledger.indexer(database.db);
    index = () => catchUp(indexer);
    await index();
    useLedgerAppEnvironment(ledger, database.url, keysDir, secret);
    // Sessions made while every organisation is active, as sign-in makes them.
    const now = Math.floor(Date.now() / 1000);
    for (const party of ["maker", "distributor", "pharmacy"] as const) {
      const account = ledger.cast[party].address.toLowerCase() as `0x${string}`;
      const token = signSession(
        { account, chainId: ledger.chainId, issuedAt: now, expiresAt: now + 3600 },
        Buffer.from(secret, "utf8"),
      );
      cookies.set(party, `${SESSION_COOKIE}=${token}`);
    }
  });

  after(async () => {
    const { db } = await import("@/lib/db");
    await db().$disconnect();
    await database?.stop();
    await ledger?.stopChain();
    await rm(chainDir, { recursive: true, force: true });
    await rm(keysDir, { recursive: true, force: true });
  });

  // Suspending is the council's (the test world's bootstrap seat executes at once).
  const setSuspended = async (party: Party, suspended: boolean) => {
    await ledger.asCouncil(suspended ? "suspend" : "reinstate", [ledger.cast[party].address]);
    await index();
  };
  const call = (route: (typeof STAFF_ROUTES)[number], headers: Record<string, string> = {}) =>
    callRoute(route.dir, route.method, {
      params: route.params,
      url: route.url,
      body: route.body,
      headers: { cookie: cookies.get(route.party)!, ...headers },
    });
  const errorOf = async (res: Response) => ((await res.json()) as { error?: { code: string; message: string } }).error;

  for (const route of STAFF_ROUTES) {
    it(`${route.method} /${route.dir}`, async () => {
      const before = await call(route);
      const beforeError = before.headers.get("content-type")?.includes("json") ? await errorOf(before) : undefined;
      assert.ok(
        before.status < 500 && ![401, 403].includes(before.status),
        `active: ${before.status} ${JSON.stringify(beforeError)}`,
      );
      await setSuspended(route.party, true);
      try {
        const res = await call(route);
        assert.equal(res.status, 403);
        const error = await errorOf(res);
        assert.equal(error?.code, "OrganisationSuspended");
        assert.match(error!.message, /is suspended from the network by the regulator/);
      } finally {
        await setSuspended(route.party, false);
      }
    });
  }

  it("covers every staff API route on disk", async () => {
    const apiDir = path.resolve(import.meta.dirname, "../../app/api");
    const guarded: string[] = [];
    for await (const file of glob("**/route.ts", { cwd: apiDir })) {
      const text = await readFile(path.join(apiDir, file), "utf8");
      if (text.includes("requireOrganisation(")) guarded.push(`api/${path.dirname(file)}`);
    }
    assert.deepEqual([...new Set(STAFF_ROUTES.map((r) => r.dir))].sort(), guarded.sort());
  });

  it("a suspension projected into the database is refused on the next request (nothing cached), in Chinese too", async () => {
    const route = STAFF_ROUTES[0]!;
    assert.equal((await call(route)).status, 200);
    await setSuspended("maker", true);
    try {
      const projectedAt = Date.now();
      const res = await call(route, { "accept-language": "zh-CN,zh;q=0.9" });
      assert.ok(Date.now() - projectedAt < 1000, "refused within a second of the projection");
      assert.equal(res.status, 403);
      const error = await errorOf(res);
      assert.equal(error?.code, "OrganisationSuspended");
      assert.match(error!.message, /Huaxin Pharmaceutical 已被监管部门暂停网络资格/);
      await setSuspended("maker", false);
      assert.equal((await call(route)).status, 200, "reinstated: the same session works again");
    } finally {
      const row = await database.db.organisation.findUnique({
        where: { account: ledger.cast.maker.address.toLowerCase() },
      });
      if (row?.suspended) await setSuspended("maker", false);
    }
  });

  it("a suspension the indexer has not projected (it stopped) is refused within 2 s: the ledger's word while the data is stale", async () => {
    const route = STAFF_ROUTES[0]!;
    const maker = ledger.cast.maker.address;
    assert.equal((await call(route)).status, 200);
    // The regulator suspends on chain; the indexer does not run.
    await ledger.asCouncil("suspend", [maker]);
    try {
      const suspendedAt = Date.now();
      let res = await call(route);
      while (res.status === 200 && Date.now() - suspendedAt < 5_000) {
        await new Promise((r) => setTimeout(r, 100));
        res = await call(route);
      }
      assert.ok(Date.now() - suspendedAt < 2_000, `refused ${Date.now() - suspendedAt} ms after the suspension`);
      assert.equal(res.status, 403);
      assert.equal((await errorOf(res))?.code, "OrganisationSuspended");
      const row = await database.db.organisation.findUniqueOrThrow({ where: { account: maker.toLowerCase() } });
      assert.equal(row.suspended, false, "the database has not seen the suspension: the chain's word refused it");
    } finally {
      await ledger.asCouncil("reinstate", [maker]);
      await index();
    }
    // The chain's word is kept about a second: the reinstatement reaches the session within that.
    const reinstatedAt = Date.now();
    let again = await call(route);
    while (again.status !== 200 && Date.now() - reinstatedAt < 3_000) {
      await new Promise((r) => setTimeout(r, 100));
      again = await call(route);
    }
    assert.equal(again.status, 200, "reinstated and indexed: the session works again");
  });

  /** A clerk of `party`'s organisation (every permit its roles use), with a session made as sign-in makes it. */
  const CLERKS = { maker: MEMBERS.makerClerk, distributor: MEMBERS.distributorClerk, pharmacy: MEMBERS.pharmacyClerk };
  const addClerk = async (party: keyof typeof CLERKS) => {
    const admin = ledger.contract(ledger.cast[party]);
    const roles = (await admin.read.organisation([ledger.cast[party].address])).roles;
    await ledger.wait(admin.write.addMember([CLERKS[party].address, founderPermissions(roles)]));
    await index();
    const now = Math.floor(Date.now() / 1000);
    const account = CLERKS[party].address.toLowerCase() as `0x${string}`;
    const token = signSession(
      { account, chainId: ledger.chainId, issuedAt: now, expiresAt: now + 3600 },
      Buffer.from(secret, "utf8"),
    );
    return `${SESSION_COOKIE}=${token}`;
  };
  const removeClerk = (party: keyof typeof CLERKS) =>
    ledger.wait(ledger.contract(ledger.cast[party]).write.removeMember([CLERKS[party].address]));

  for (const party of ["maker", "distributor", "pharmacy"] as const) {
    it(`a removed member of the ${party} is refused by every ${party} route at once, in both languages`, async () => {
      const cookie = await addClerk(party);
      const routes = STAFF_ROUTES.filter((r) => r.party === party);
      for (const route of routes) {
        const res = await call(route, { cookie });
        assert.ok(res.status < 500 && ![401, 403].includes(res.status), `a member: ${route.dir} ${res.status}`);
      }
      await removeClerk(party);
      await index();
      for (const route of routes) {
        const res = await call(route, { cookie });
        assert.equal(res.status, 403, `${route.method} /${route.dir}`);
        const error = await errorOf(res);
        assert.equal(error?.code, "MemberRemoved");
        assert.match(error!.message, /no longer a member .* an administrator removed it/);
      }
      const zh = await call(routes[0]!, { cookie, "accept-language": "zh-CN" });
      assert.match((await errorOf(zh))!.message, /管理员已将其移除/);
    });
  }

  it("a removal the indexer has not projected (it stopped) is refused within 2 s: the ledger's word while the data is stale", async () => {
    const cookie = await addClerk("maker");
    const route = STAFF_ROUTES[0]!;
    assert.equal((await call(route, { cookie })).status, 200);
    await removeClerk("maker");
    const removedAt = Date.now();
    let res = await call(route, { cookie });
    while (res.status === 200 && Date.now() - removedAt < 5_000) {
      await new Promise((r) => setTimeout(r, 100));
      res = await call(route, { cookie });
    }
    assert.ok(Date.now() - removedAt < 2_000, `refused ${Date.now() - removedAt} ms after the removal`);
    assert.equal(res.status, 403);
    assert.equal((await errorOf(res))?.code, "MemberRemoved");
    const row = await database.db.member.findUnique({ where: { account: MEMBERS.makerClerk.address.toLowerCase() } });
    assert.ok(row, "the database has not seen the removal: the chain's word refused it");
    await index();
  });
});
