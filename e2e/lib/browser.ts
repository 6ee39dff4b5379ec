/**
 * Debian's Chromium (apt-get install chromium), never a downloaded browser: the machines that run
 * the tests reach the npm registry and Debian only (see scripts/test.sh, which installs it).
 */
import type { LaunchOptions } from "@playwright/test";

export const CHROMIUM = process.env.E2E_CHROMIUM ?? "/usr/bin/chromium";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export const launchOptions: LaunchOptions = { executablePath: CHROMIUM, args: ARGS };

/**
 * A browser whose camera is Chromium's fake capture device playing `video` (a .y4m file) in a
 * loop, with the permission prompt answered "allow". The file is a launch argument, so a camera
 * step needs its own browser.
 */
export function cameraLaunchOptions(video: string): LaunchOptions {
  return {
    executablePath: CHROMIUM,
    args: [
      ...ARGS,
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  };
}
