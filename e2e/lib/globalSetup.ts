/**
 * Starts the real product once for the whole run (see stack.ts) and hands its address to the
 * tests through the environment; the returned function stops it. With E2E_BASE_URL set, the tests
 * use a stack that is already running on this machine instead (E2E_DATA_DIR: its data folder).
 */
import path from "node:path";
import { assertLocal, startStack } from "./stack";

export const ARTIFACTS = path.resolve(import.meta.dirname, "../artifacts");

export default async function globalSetup(): Promise<(() => Promise<void>) | void> {
  if (process.env.E2E_BASE_URL) {
    assertLocal(process.env.E2E_BASE_URL);
    console.log(`[e2e] using the running stack at ${process.env.E2E_BASE_URL}`);
    return;
  }
  const stack = await startStack({ logFile: path.join(ARTIFACTS, "stack.log") });
  console.log(`[e2e] stack ready at ${stack.url} in ${stack.startSeconds.toFixed(1)} s (log: e2e/artifacts/stack.log)`);
  process.env.E2E_BASE_URL = stack.url;
  process.env.E2E_DATA_DIR = stack.dataDir;
  return async () => {
    const t = performance.now();
    await stack.stop();
    console.log(`[e2e] stack stopped in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
}
