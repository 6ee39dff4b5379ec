/**
 * Writes the demo network onto a freshly deployed ledger: every write signed by the organisation
 * that would sign it in real life.
 */
import {
  getContract,
  toHex,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  createWalletClient,
} from "viem";
import { countryToBytes2 as countryBytes, custodyLedgerAbi } from "@tracemed/chain";
import { DEMO_BATCHES, DEMO_ORGANISATIONS, DEMO_PRODUCTS, demoOrganisation, type DemoKey } from "./demo.js";
import { makePacks, type Packs } from "./packs.js";

export interface SeedContext {
  client: PublicClient;
  transport: Transport;
  chain: Chain;
  ledger: Address;
  log?: (line: string) => void;
}

export async function seedDemo(ctx: SeedContext): Promise<void> {
  const log = ctx.log ?? (() => {});
  const as = (key: DemoKey) => {
    const wallet = createWalletClient({
      account: demoOrganisation(key).account,
      chain: ctx.chain,
      transport: ctx.transport,
    });
    return getContract({ address: ctx.ledger, abi: custodyLedgerAbi, client: { public: ctx.client, wallet } });
  };
  const wait = async (hash: Promise<Hex>) => {
    const receipt = await ctx.client.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`seed transaction ${receipt.transactionHash} failed`);
  };
  const at = (key: DemoKey) => demoOrganisation(key).account.address;

  for (const o of DEMO_ORGANISATIONS) {
    if (o.key === "regulator") continue; // onboarded by the constructor
    await wait(as("regulator").write.onboard([o.account.address, o.roles, o.gln, countryBytes(o.country), o.name]));
  }
  log(`onboarded ${DEMO_ORGANISATIONS.length} organisations`);

  const now = Math.floor(Date.now() / 1000);
  const batches: { id: Hex; packs: Packs }[] = [];
  for (const b of DEMO_BATCHES) {
    const product = DEMO_PRODUCTS[b.product]!;
    const packs = makePacks(b.packs);
    const expiresAt = now + b.expiresInDays * 86_400;
    await wait(as(product.manufacturer).write.registerBatch([product.gtin, b.lot, expiresAt, b.packs, packs.root]));
    batches.push({ id: await as("regulator").read.batchIdOf([product.gtin, b.lot]), packs });
  }
  log(`registered ${batches.length} batches`);

  let refs = 0;
  const hop = async (batch: number, from: DemoKey, to: DemoKey, quantity: number, received?: number) => {
    const ref = toHex(++refs, { size: 32 });
    const id = batches[batch]!.id;
    await wait(as(from).write.ship([id, at(to), BigInt(quantity), ref]));
    if (received !== undefined) {
      await wait(as(to).write.confirmReceipt([id, at(from), BigInt(quantity), ref, BigInt(received)]));
    }
  };
  // Amoxicillin: manufacturer -> distributor, split to three pharmacies, one shortfall, one still on the road.
  await hop(0, "huaxin", "eastern", 400, 400);
  await hop(0, "eastern", "renmin", 120, 120);
  await hop(0, "eastern", "lakeside", 100, 97);
  await hop(0, "eastern", "markt", 60);
  // Metformin: at the distributor, part in transit to a pharmacy.
  await hop(1, "huaxin", "eastern", 200, 200);
  await hop(1, "eastern", "renmin", 50);
  // Ibuprofen: distributed, then recalled by its manufacturer.
  await hop(2, "alpenwerk", "rhein", 300, 300);
  await hop(2, "rhein", "markt", 80, 80);
  // Insulin: shipped, awaiting receipt.
  await hop(3, "alpenwerk", "rhein", 100);
  log(`recorded ${refs} shipments`);

  const amx = batches[0]!;
  await wait(as("renmin").write.dispenseMany([amx.id, ...amx.packs.many([400, 401, 402])]));
  await wait(as("lakeside").write.dispense([amx.id, ...amx.packs.single(520)]));
  await wait(as("verifier").write.claimMany([amx.id, ...amx.packs.many([400, 401])]));
  await wait(
    as("alpenwerk").write.recall([batches[2]!.id, "Out-of-specification dissolution results in stability testing"]),
  );
  log("dispensed 4 packs, recorded 2 consumer verifications, recalled 1 batch");
}
