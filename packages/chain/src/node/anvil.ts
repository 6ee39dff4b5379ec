/**
 * The embedded chain: anvil from npm, bound to 127.0.0.1, its state in a data folder so that a stop
 * and a start keep every block, hash and log (anvil loads the file on start, dumps it every second
 * and on SIGTERM).
 *
 * Dumping every second is not durability: a SIGKILL (or power loss) loses the blocks mined since the
 * last dump, although their transactions were already reported confirmed. So clients do not talk to
 * anvil directly: they talk to a journaling JSON-RPC front on the public port, which appends every
 * raw transaction anvil accepted to `tx-journal.ndjson` (fsync'd) before it answers with the hash.
 * On start, journaled transactions missing from the loaded state are sent again, in order: what a
 * user was told is on the ledger is on the ledger again (in new blocks; an indexer sees a reorg).
 *
 * The front serves the standard methods only (eth_, net_, web3_). anvil's development methods
 * (anvil_setCode, anvil_setStorageAt, evm_revert, anvil_reset, anvil_impersonateAccount, …) and
 * methods that make the node sign (eth_sendTransaction with its unlocked accounts) would let any
 * process on the machine rewrite or erase the ledger's history (a recall included) in ways no key
 * can: they are refused, unless a test asks for them (`devMethods`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, createWriteStream, fsyncSync, openSync, writeSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest, Agent, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const ANVIL_CHAIN_ID = 31337;
/** anvil's well-known development mnemonic: its accounts are public, for local use only. */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
/**
 * How many of the mnemonic's accounts the embedded chain funds: the deployer (0), the demo organisations'
 * admins (1-10) and operators (11-20), and the relayer that sends passkey members' writes (21). The staff
 * sign-in derives as many on the embedded chain.
 */
export const EMBEDDED_ACCOUNTS = 22;

export interface EmbeddedChain {
  url: string;
  /** The anvil process (a test may SIGKILL it to simulate a crash; stop() still cleans up). */
  process: ChildProcess;
  /** Transactions sent again from the journal at this start (lost by the previous run). */
  replayed: number;
  stop(): Promise<void>;
}

function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("@foundry-rs/anvil-linux-amd64/package.json")), "bin", "anvil");
}

async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result as T;
}

async function rpcReady(url: string): Promise<boolean> {
  try {
    await rpc(url, "eth_chainId");
    return true;
  } catch {
    return false;
  }
}

async function freeLocalPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface JournalEntry {
  hash: string;
  raw: string;
}

/**
 * Sends again every journaled transaction the loaded chain does not have; keeps in the journal only
 * those not yet known to be on disk (the ones just sent again, until a later start finds them).
 */
async function replayJournal(file: string, url: string): Promise<number> {
  const text = await readFile(file, "utf8").catch(() => "");
  const entries: JournalEntry[] = [];
  for (const line of text.split("\n")) {
    try {
      if (line.trim()) entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // A torn last line (killed mid-write): its transaction was never reported, skip it.
    }
  }
  const pending: JournalEntry[] = [];
  for (const e of entries) {
    const known = await rpc<unknown>(url, "eth_getTransactionByHash", [e.hash]).catch(() => null);
    if (known) continue;
    await rpc(url, "eth_sendRawTransaction", [e.raw]).catch((error: Error) => {
      process.stderr.write(`[chain] journaled transaction ${e.hash} could not be sent again: ${error.message}\n`);
    });
    pending.push(e);
  }
  await writeFile(`${file}.tmp`, pending.map((e) => JSON.stringify(e) + "\n").join(""));
  await rename(`${file}.tmp`, file);
  return pending.length;
}

/** The public JSON-RPC front: served methods pass through; accepted raw transactions are journaled first. */
function journalingFront(target: URL, journalFile: string, devMethods: boolean): Server {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const fd = openSync(journalFile, "a");
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const refused = devMethods ? undefined : refusedCalls(body);
      if (refused) {
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end(refused);
      }
      const sends = body.includes("eth_sendRawTransaction") ? rawSends(body) : undefined;
      const upstream = httpRequest(
        target,
        { method: "POST", agent, headers: { "content-type": "application/json", "content-length": body.length } },
        (answer: IncomingMessage) => {
          if (!sends?.size) {
            res.writeHead(answer.statusCode ?? 502, { "content-type": "application/json" });
            answer.pipe(res);
            return;
          }
          const parts: Buffer[] = [];
          answer.on("data", (c: Buffer) => parts.push(c));
          answer.on("end", () => {
            const text = Buffer.concat(parts);
            journal(fd, sends, text);
            res.writeHead(answer.statusCode ?? 502, { "content-type": "application/json" });
            res.end(text);
          });
        },
      );
      upstream.on("error", () => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32603, message: "chain node unavailable" } }),
        );
      });
      upstream.end(body);
    });
  });
  server.on("close", () => closeSync(fd));
  return server;
}

type RpcCall = { id?: unknown; method?: string; params?: unknown[] };

/** id -> raw transaction, for the eth_sendRawTransaction calls of a request (single or batch). */
function rawSends(body: Buffer): Map<string, string> {
  const sends = new Map<string, string>();
  try {
    const parsed = JSON.parse(body.toString("utf8")) as RpcCall | RpcCall[];
    for (const call of Array.isArray(parsed) ? parsed : [parsed]) {
      if (call?.method === "eth_sendRawTransaction" && typeof call.params?.[0] === "string")
        sends.set(JSON.stringify(call.id ?? null), call.params[0]);
    }
  } catch {
    // Not JSON: anvil will answer with its own error.
  }
  return sends;
}

function journal(fd: number, sends: Map<string, string>, answer: Buffer): void {
  try {
    const parsed = JSON.parse(answer.toString("utf8")) as
      { id?: unknown; result?: unknown } | { id?: unknown; result?: unknown }[];
    let lines = "";
    for (const r of Array.isArray(parsed) ? parsed : [parsed]) {
      const raw = sends.get(JSON.stringify(r.id ?? null));
      if (raw && typeof r.result === "string") lines += JSON.stringify({ hash: r.result, raw }) + "\n";
    }
    if (lines) {
      writeSync(fd, lines);
      fsyncSync(fd);
    }
  } catch {
    // Not JSON: nothing was accepted.
  }
}

/** What a JSON-RPC client may call on the embedded chain's port: standard reads and signed transactions. */
export function servedMethod(method: unknown): boolean {
  return (
    typeof method === "string" &&
    /^(eth|net|web3)_/.test(method) &&
    !/^eth_(sign|sendTransaction|sendUnsignedTransaction)/.test(method)
  );
}

/**
 * The JSON-RPC errors for a request that calls a method the front does not serve (a batch is refused
 * whole), or undefined when it may pass. A body that is not JSON passes: the node answers its own error.
 */
function refusedCalls(body: Buffer): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  const calls = (Array.isArray(parsed) ? parsed : [parsed]) as (RpcCall | null)[];
  const refused = calls.find((call) => !servedMethod(call?.method));
  if (!refused) return undefined;
  const name = typeof refused?.method === "string" ? refused.method.slice(0, 64) : "";
  const errors = calls.map((call) => ({
    jsonrpc: "2.0",
    id: call?.id ?? null,
    error: {
      code: -32601,
      message: `The method ${name || "(not a string)"} is not served on this port: standard eth_, net_ and web3_ methods only, and signed transactions.`,
    },
  }));
  return JSON.stringify(Array.isArray(parsed) ? errors : errors[0]);
}

/**
 * Starts anvil with its state in `dataDir`, behind the journaling front on `port`. `devMethods`
 * lets anvil's development methods through the front (tests that mine, snapshot or revert).
 */
export async function startAnvil(
  dataDir: string,
  port: number,
  options: { devMethods?: boolean } = {},
): Promise<EmbeddedChain> {
  await mkdir(dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  if (await rpcReady(url)) throw new Error(`something already answers JSON-RPC on ${url}; stop it or set CHAIN_PORT`);
  const internalPort = await freeLocalPort();
  const internalUrl = `http://127.0.0.1:${internalPort}`;
  const log = createWriteStream(path.join(dataDir, "anvil.log"), { flags: "a" });
  const child = spawn(
    anvilBinary(),
    [
      "--host",
      "127.0.0.1",
      "--port",
      String(internalPort),
      "--chain-id",
      String(ANVIL_CHAIN_ID),
      "--mnemonic",
      ANVIL_MNEMONIC,
      "--accounts",
      String(EMBEDDED_ACCOUNTS),
      "--state",
      path.join(dataDir, "state.json"),
      "--state-interval",
      "1",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  child.on("exit", () => (exited = true));
  for (let i = 0; i < 200 && !(await rpcReady(internalUrl)); i++) {
    if (exited) throw new Error(`anvil exited during start-up; see ${path.join(dataDir, "anvil.log")}`);
    await sleep(50);
  }
  if (!(await rpcReady(internalUrl))) throw new Error(`anvil did not answer on ${internalUrl} within 10 s`);
  const journalFile = path.join(dataDir, "tx-journal.ndjson");
  const replayed = await replayJournal(journalFile, internalUrl);
  const front = journalingFront(new URL(internalUrl), journalFile, options.devMethods ?? false);
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(port, "127.0.0.1", resolve);
  });
  return {
    url,
    process: child,
    replayed,
    async stop() {
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
      if (exited) return;
      const done = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM"); // anvil dumps its state on SIGTERM
      await Promise.race([done, sleep(10_000)]);
      if (!exited) child.kill("SIGKILL");
    },
  };
}
