/**
 * The start command, as a newcomer runs it: a real anvil, the real deploy and seed, the production
 * web server. Stopping with Ctrl-C (SIGINT) and starting again must show the same network without
 * deploying again.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";

const root = path.resolve(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
}

async function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 240 s:\n${out}`)), 240_000);
    const check = () => {
      if (/\] ready: /.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`start exited with ${code} before it was ready:\n${out}`));
    });
  });
  return { child, output: () => out };
}

async function stop(r: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => r.child.once("exit", resolve));
  r.child.kill("SIGINT");
  return exited;
}

async function waitFor(check: () => boolean, what: string, ms = 30_000) {
  for (const until = Date.now() + ms; !check();) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const page = async (url: string) => (await (await fetch(url)).text()).replaceAll("<!-- -->", "");

describe("the start command", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it("startsSeededThenRestartsWithTheSameDataAndNoRedeploy", { timeout: 600_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "tracemed-start-"));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = {
      DATA_DIR: dataDir,
      CHAIN_PORT: String(await freePort()),
      WEB_PORT: String(await freePort()),
      DB_PORT: String(await freePort()),
    };
    const url = `http://127.0.0.1:${env.WEB_PORT}/`;

    const first = await start(env);
    cleanup.push(async () => first.child.exitCode === null && stop(first));
    assert.match(first.output(), /first start: deploying the ledger and seeding the demo network/);
    // The indexer, started alongside, reads all 32 demo events into the database.
    await waitFor(
      () => /\[indexer\] indexed blocks 1-\d+: 32 events/.test(first.output()),
      "the indexer indexes the seed",
    );
    const before = await page(url);
    assert.match(before, /4 batches, 9 organisations/);
    for (const name of ["Huaxin Pharmaceutical Co., Ltd.", "Apotheke am Markt", "Consumer Verification Service"]) {
      assert.ok(before.includes(name), `the page lists ${name}`);
    }
    assert.match(before, /Recalled/);
    assert.match(before, /Out-of-specification dissolution results in stability testing/);
    const saved = JSON.parse(await readFile(path.join(dataDir, "deployment.json"), "utf8"));
    assert.equal(saved.seeded, true);
    assert.equal(await stop(first), 0);

    const second = await start(env);
    cleanup.push(async () => second.child.exitCode === null && stop(second));
    assert.doesNotMatch(second.output(), /deploying/);
    assert.match(second.output(), new RegExp(`embedded chain resumed at block \\d+; ledger ${saved.address}`, "i"));
    const afterRestart = await page(url);
    // The same network: batches, holders, quantities and the recall all survived the restart.
    const table = (html: string) => html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
    assert.equal(table(afterRestart), table(before));
    assert.equal(await stop(second), 0);
  });
});
