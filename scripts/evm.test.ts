/**
 * The product on another EVM implementation, as docs/OPERATIONS.md ("Pointing it at another EVM network") runs it:
 * Hardhat's node (EDR), which shares anvil's chain id 31337 and development accounts, mines only on
 * transactions, and was not started by the product. `npm run deploy`, then `npm start` with CHAIN_RPC_URL.
 * The deployment leaves the council to the regulator (the deployer renounces), so a council action is scheduled,
 * waits its delay and is executed; a second regulator joins the council the same way, and its approval on the
 * council's quorum executes the next action at once; an organisation's second member writes on its behalf.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import {
  accessManagerAbi,
  COUNCIL_ROLE,
  councilQuorumAbi,
  custodyLedgerAbi,
  countryToBytes2,
  ledgerChain,
  PERMIT,
  readOrganisationStanding,
  ROLE,
} from "@tracemed/chain";
import { ANVIL_MNEMONIC } from "@tracemed/chain/node";
import { startHardhatNode } from "@tracemed/chain/node/hardhat";
import { freePort } from "@tracemed/db/testing";
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  parseEventLogs,
  toHex,
  type Address,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { productEnv, ROOT, startProduct, stopProduct, waitFor } from "./lib/product.js";

describe("the product on Hardhat's node (not the embedded chain, same chain id)", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it(
    "offersNoDemoAccounts_indexesAMembersFirstWriteAtOnce_suspendsThroughTheCouncilsDelay_andReinstatesByApproval",
    { timeout: 600_000 },
    async () => {
      const node = await startHardhatNode(await freePort());
      cleanup.push(() => node.stop());
      const dir = await mkdtemp(path.join(tmpdir(), "tracemed-evm-"));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      const deployer = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 });
      const regulator = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 1 });
      const operator = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 11 });
      const regulator2 = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 12 });
      const pharmacy = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 7 }).address;
      // Long enough that an approval sent at once lands well inside it on a busy machine.
      const DELAY = 8;

      // npm run deploy, recording into a scratch file instead of the committed one.
      const deployments = path.join(dir, "deployments.json");
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/deploy.ts"], {
        cwd: ROOT,
        env: {
          ...process.env,
          CHAIN_RPC_URL: node.url,
          DEPLOYER_PRIVATE_KEY: toHex(deployer.getHdKey().privateKey!),
          REGULATOR_ACCOUNT: regulator.address,
          COUNCIL_DELAY_SECONDS: String(DELAY),
          REGULATOR_GLN: "6901234000016",
          REGULATOR_COUNTRY: "CN",
          REGULATOR_NAME: "Regulator",
          DEPLOYMENTS_FILE: deployments,
        },
      });
      const recorded = JSON.parse(await readFile(deployments, "utf8")) as Record<
        string,
        {
          CustodyLedger: { address: Address; deployedOnBlock: number };
          Council: { address: Address };
          Quorum: { address: Address };
        }
      >;
      const client = createPublicClient({ transport: http(node.url) });
      const genesis = (await client.getBlock({ blockNumber: 0n })).hash;
      const key = `31337:${genesis}`;
      assert.deepEqual(Object.keys(recorded), [key], `keyed by chain id and genesis hash:\n${stdout}`);
      const ledger = recorded[key]!.CustodyLedger;
      const council = recorded[key]!.Council.address;
      const quorum = recorded[key]!.Quorum.address;
      assert.match(stdout, /renounced its bootstrap roles/);
      assert.match(stdout, new RegExp(`council quorum \\(CouncilQuorum\\) at ${quorum}: 2 approvals`));

      const env = {
        ...(await productEnv(path.join(dir, "data"))),
        CHAIN_RPC_URL: node.url,
        SYSTEM_KEY_SECRET: "evm-test-system-key-secret-0123456789",
        LEDGER_ADDRESS: ledger.address,
        LEDGER_DEPLOYED_BLOCK: String(ledger.deployedOnBlock),
      };
      const product = await startProduct(env);
      cleanup.push(async () => product.child.exitCode === null && stopProduct(product));
      const url = `http://127.0.0.1:${env.WEB_PORT}/`;
      assert.doesNotMatch(product.output(), /first start: deploying/, "no embedded chain, no demo seed");
      assert.match(
        product.output(),
        new RegExp(`regulator council ${council}`, "i"),
        "the ledger's own council() is followed",
      );

      // No demo accounts: the chain id is 31337, but the product did not start this chain.
      const accounts = await fetch(`${url}api/dev/accounts`);
      assert.equal(accounts.status, 404);
      const body = (await accounts.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, "NotFound");
      assert.ok(body.error.message.length > 0);
      // A staff page (the consumer's pages carry no wallet, so no chain): what a member's browser is told.
      const home = await (await fetch(`${url}batches`)).text();
      assert.ok(!home.includes("Embedded local chain"), "the page does not call this chain the embedded one");
      assert.match(home, /Chain 31337/);
      assert.match(home, /localDemoAccounts\\?":false/);

      // The regulator's admin adds an operator, who onboards the first organisation: the only block in a while
      // (Hardhat mines on demand), and the staff pages wait for it to be indexed. Two confirmations would never
      // come; its finalized tag does.
      const chain = ledgerChain(31337, node.url);
      const as = (account: typeof regulator) => createWalletClient({ account, chain, transport: http(node.url) });
      const mined = async (hash: Promise<`0x${string}`>) => {
        const receipt = await client.waitForTransactionReceipt({ hash: await hash });
        assert.equal(receipt.status, "success");
        return receipt;
      };
      const write = { address: ledger.address, abi: custodyLedgerAbi } as const;
      await mined(
        as(regulator).writeContract({ ...write, functionName: "addMember", args: [operator.address, PERMIT.REGULATE] }),
      );
      const hash = as(operator).writeContract({
        ...write,
        functionName: "onboard",
        args: [pharmacy, ROLE.PHARMACY, 6901234000023n, countryToBytes2("CN"), "Renmin Road Pharmacy"],
      });
      const { blockNumber } = await mined(hash);
      const indexed = async () =>
        ((await (await fetch(`${url}api/indexer`)).json()) as { indexedBlock: number | null }).indexedBlock;
      await waitFor(
        async () => ((await indexed()) ?? -1) >= Number(blockNumber),
        "the onboarding is indexed (well before the idle-chain rule's 30 s)",
        10_000,
        product.output,
      );

      // Suspending is the council's: the regulator's key alone cannot, nor can the deployer any more. Scheduled,
      // it waits the delay; executed after it, the pharmacy is suspended.
      const suspend = encodeFunctionData({ abi: custodyLedgerAbi, functionName: "suspend", args: [pharmacy] });
      const manager = { address: council, abi: accessManagerAbi } as const;
      await assert.rejects(
        as(regulator).writeContract({ ...write, functionName: "suspend", args: [pharmacy] }),
        /LedgerNotCouncil/,
      );
      await assert.rejects(
        as(deployer).writeContract({ ...manager, functionName: "execute", args: [ledger.address, suspend] }),
        /AccessManagerUnauthorizedCall/,
      );
      const scheduled = await mined(
        as(regulator).writeContract({ ...manager, functionName: "schedule", args: [ledger.address, suspend, 0] }),
      );
      await assert.rejects(
        as(regulator).writeContract({ ...manager, functionName: "execute", args: [ledger.address, suspend] }),
        /AccessManagerNotReady/,
        "not before the delay",
      );
      /** Waits out the delay of what `receipt` scheduled, on the node's clock (the wall's: it mines on demand). */
      const afterTheDelay = async (receipt: { blockNumber: bigint }) => {
        const at = (await client.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
        while (BigInt(Math.floor(Date.now() / 1000)) <= at + BigInt(DELAY)) await sleep(250);
      };
      await afterTheDelay(scheduled);
      await mined(
        as(regulator).writeContract({ ...manager, functionName: "execute", args: [ledger.address, suspend] }),
      );
      assert.equal((await readOrganisationStanding(client, ledger, pharmacy)).suspended, true);

      // A second regulator joins the council by the same delayed path; then the regulator proposes the
      // reinstatement and the second regulator's approval on the quorum executes it at once, inside the delay.
      const grant = encodeFunctionData({
        abi: accessManagerAbi,
        functionName: "grantRole",
        args: [COUNCIL_ROLE, regulator2.address, DELAY],
      });
      await afterTheDelay(
        await mined(as(regulator).writeContract({ ...manager, functionName: "schedule", args: [council, grant, 0] })),
      );
      await mined(as(regulator).writeContract({ ...manager, functionName: "execute", args: [council, grant] }));
      const reinstate = encodeFunctionData({ abi: custodyLedgerAbi, functionName: "reinstate", args: [pharmacy] });
      await mined(
        as(regulator).writeContract({ ...manager, functionName: "schedule", args: [ledger.address, reinstate, 0] }),
      );
      const id = await client.readContract({
        ...manager,
        functionName: "hashOperation",
        args: [regulator.address, ledger.address, reinstate],
      });
      const readyAt = await client.readContract({ ...manager, functionName: "getSchedule", args: [id] });
      const approved = await mined(
        as(regulator2).writeContract({
          address: quorum,
          abi: councilQuorumAbi,
          functionName: "approve",
          args: [regulator.address, ledger.address, reinstate],
        }),
      );
      assert.ok((await client.getBlock({ blockNumber: approved.blockNumber })).timestamp < readyAt, "inside the delay");
      const [executed] = parseEventLogs({ abi: councilQuorumAbi, eventName: "ProposalExecuted", logs: approved.logs });
      assert.equal(executed?.args.operationId, id);
      assert.equal((await readOrganisationStanding(client, ledger, pharmacy)).suspended, false);
      assert.equal(await stopProduct(product), 0);
    },
  );
});
