/**
 * End-to-end tests: the real product (scripts/start.ts: local chain, embedded database, indexer,
 * production build of the web app) driven in Debian's Chromium. Run: `npm run test:e2e`.
 * Artifacts (screenshots of every role's main page, traces and screenshots of failures, the
 * stack's log) go to e2e/artifacts/.
 */
import { defineConfig } from "@playwright/test";
import { launchOptions } from "./lib/browser";

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: "artifacts/results",
  globalSetup: "./lib/globalSetup.ts",
  // One journey through one shared stack: its steps build on each other's chain writes.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 10 * 60_000,
  // npm test must end well inside half an hour on two cores, whatever hangs.
  globalTimeout: 20 * 60_000,
  expect: { timeout: 30_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    browserName: "chromium",
    launchOptions,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
  },
});
