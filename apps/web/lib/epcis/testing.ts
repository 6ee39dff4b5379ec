/**
 * An EPCIS world for node:test and the benchmark: the app's test ledger (with its cases-and-pallets contract) and
 * database (lib/testing/appRoutes), a manufacturer's product, and a system client (funded, added on
 * the ledger by its admin, with a bearer token) for each party; the capture and status routes called as Next.js
 * calls them. Call before anything imports lib/env.ts.
 */
import { PERMIT } from "@tracemed/chain";
import { CAST } from "@tracemed/indexer/testing";
import { createProduct } from "@tracemed/registration/products";
import { createWalletClient, http } from "viem";
import { callRoute, startAppWorld, useAppEnvironment } from "@/lib/testing/appRoutes";

export type Who = "maker" | "distributor" | "pharmacy";

/** A capture job as GET /epcis/capture/{captureID} answers it (the parts tests read). */
export interface JobView {
  captureID: string;
  running: boolean;
  success: boolean | null;
  events: { total: number; recorded: number; written: number; refused: number; duplicate: number };
  eventErrors: { index: number; code: string; message: string }[];
  error?: { code: string; message: string };
}

const PERMISSIONS: Record<Who, number> = {
  maker: PERMIT.REGISTER | PERMIT.SHIP | PERMIT.WRITE_OFF,
  distributor: PERMIT.SHIP | PERMIT.WRITE_OFF,
  pharmacy: PERMIT.DISPENSE | PERMIT.SHIP | PERMIT.WRITE_OFF,
};

export async function startEpcisWorld(name: string, gtin: string) {
  useAppEnvironment({ SYSTEM_KEY_SECRET: `test-system-key-secret-${name}-0123456789` });
  const world = await startAppWorld(name);
  const { ledger, database } = world;
  const db = database.db;
  const maker = ledger.cast.maker.address.toLowerCase();
  await createProduct(db, maker, {
    gtin,
    name: "Cefalexin",
    strength: "250 mg",
    dosageForm: "capsule",
    packSize: "12",
  });
  const deployer = createWalletClient({
    account: CAST.deployer,
    chain: ledger.client.chain,
    transport: http(ledger.chainUrl()),
  });
  const units = ledger.ledger.units;
  if (!units) throw new Error("the test ledger has no cases-and-pallets contract");
  const { configureCaptureWriter } = await import("./server");
  configureCaptureWriter({ units });
  const auth = await import("@/lib/machine/auth");
  const tokens = {} as Record<Who, string>;
  const clients = {} as Record<Who, { clientId: string; account: `0x${string}` }>;
  for (const party of ["maker", "distributor", "pharmacy"] as const) {
    const organisation = ledger.cast[party].address;
    const permissions = PERMISSIONS[party];
    const c = await auth.createSystemClient(db, {
      organisation,
      label: `${party} ATTP`,
      permissions,
      createdBy: organisation,
    });
    clients[party] = { clientId: c.clientId, account: c.account };
    await ledger.wait(ledger.contract(ledger.cast[party]).write.addMember([c.account, permissions]));
    // the system member pays its own gas: funded by the deployer
    await ledger.wait(deployer.sendTransaction({ to: c.account, value: 10n ** 20n, chain: ledger.client.chain }));
    await world.index();
    const res = await callRoute("oauth/token", "POST", {
      body: new TextEncoder().encode("grant_type=client_credentials"),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString("base64")}`,
      },
    });
    const body = (await res.json()) as { access_token?: string };
    if (res.status !== 200 || !body.access_token) throw new Error(`no token for ${party}: ${JSON.stringify(body)}`);
    tokens[party] = body.access_token;
  }
  const bearer = (who: Who) => ({ authorization: `Bearer ${tokens[who]}` });

  /** POST /epcis/capture as `who`. */
  async function capture(who: Who, body: unknown, type = "application/ld+json", language = "en") {
    const res = await callRoute("epcis/capture", "POST", {
      body: new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body)),
      headers: { ...bearer(who), "content-type": type, "accept-language": language },
    });
    return { status: res.status, location: res.headers.get("location"), body: (await res.json()) as JobView };
  }

  /**
   * Waits for the job to finish (the indexer run beside it, as in the product); its status. Polls as a partner would,
   * more slowly as it waits (status reads count against the client's capture limit, 60 a minute).
   */
  async function finished(who: Who, captureID: string, timeoutMs = 60_000): Promise<JobView> {
    const until = Date.now() + timeoutMs;
    for (let pause = 50; Date.now() < until; pause = Math.min(pause * 2, 1_500)) {
      const res = await callRoute("epcis/capture/[captureID]", "GET", { params: { captureID }, headers: bearer(who) });
      const view = (await res.json()) as JobView;
      if (res.status !== 200) throw new Error(`capture status ${res.status}: ${JSON.stringify(view)}`);
      if (!view.running) return view;
      await world.index();
      await new Promise((r) => setTimeout(r, pause));
    }
    throw new Error("the capture job did not finish");
  }

  return { world, units, clients, bearer, capture, finished, configureCaptureWriter };
}
