/** Tests only: the verification service in its own process, as `npm start` runs it. */
import { spawn } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "@tracemed/db/testing";

/** The service in its own process (one worker unless `extra` says otherwise), once it answers its health check. */
export async function startService(databaseUrl: string, keysDir: string, extra: Record<string, string> = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "server.ts")], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PIN_KEYS_DIR: keysDir,
      VERIFY_PORT: String(port),
      VERIFY_WORKERS: "1",
      ...extra,
    },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    i < 200 &&
    !(await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await sleep(50);
  return { url, child };
}
