/**
 * The embedded database (PGlite behind our wire-protocol server) in a process of its own, as `npm start`
 * runs it (in the start process, apart from the indexer and the web processes), so that a benchmark's
 * client and load generator do not share its thread.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { freePort } from "@tracemed/db/testing";

export interface EmbeddedDbProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const child = `
  const { startEmbeddedPostgres } = await import("@tracemed/db/embedded");
  const db = await startEmbeddedPostgres(process.argv[1], Number(process.argv[2]));
  console.log(JSON.stringify({ url: db.url }));
  process.on("SIGTERM", () => void db.stop().then(() => process.exit(0)));
`;

export async function startEmbeddedDbProcess(dataDir: string): Promise<EmbeddedDbProcess> {
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", child, dataDir, String(await freePort())],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const [line] = (await Promise.race([
    once(createInterface({ input: proc.stdout! }), "line"),
    once(proc, "exit").then(([code]) => Promise.reject(new Error(`the embedded database exited (${code})`))),
  ])) as [string];
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    pid: proc.pid!,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = once(proc, "exit");
      proc.kill("SIGTERM");
      await exited;
    },
  };
}
