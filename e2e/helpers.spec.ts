/**
 * The journey's own instruments, checked on the stack's seeded demo before they are trusted:
 * the printed demo label sheet decodes to the codes its CSV lists, and the fake camera's video
 * really shows the code it was made for.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeQrVideo } from "@tracemed/codes/testing";
import { expect, test } from "./lib/fixtures";
import { unreachedByTab } from "./lib/a11y";
import { cameraLaunchOptions } from "./lib/browser";
import { decodePdfQrCodes, parseCsv } from "./lib/labels";
import { decodeQrCodes, greyToRgba } from "./lib/qr";

test("the seed's printed label sheet decodes to the Digital Links of its CSV", async () => {
  const dataDir = process.env.E2E_DATA_DIR;
  test.skip(!dataDir, "needs the data folder of the stack (E2E_DATA_DIR)");
  const demo = path.join(dataDir!, "demo");
  const codes = await decodePdfQrCodes(path.join(demo, "labels-MET2611B.pdf"));
  const rows = parseCsv(await readFile(path.join(demo, "labels-MET2611B.csv"), "utf8"));
  expect(rows).toHaveLength(24);
  expect(codes.sort()).toEqual(rows.map((r) => r.digital_link).sort());
});

test("the fake camera's video shows the QR it was made for", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "tracemed-y4m-"));
  try {
    const file = path.join(dir, "code.y4m");
    const text = "http://127.0.0.1:3000/00/069012340000012345";
    await writeQrVideo(file, text, { frames: 2 });
    const video = await readFile(file);
    const headerEnd = video.indexOf(0x0a);
    expect(video.subarray(0, headerEnd).toString()).toBe("YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg");
    const frame = (640 * 480 * 3) / 2 + "FRAME\n".length;
    expect(video.length).toBe(headerEnd + 1 + 2 * frame);
    const luma = video.subarray(headerEnd + 1 + "FRAME\n".length, headerEnd + 1 + frame - (640 * 480) / 2);
    expect(await decodeQrCodes(greyToRgba(luma), 640, 480)).toEqual([text]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("Chromium's fake camera plays the video to the page", async ({ baseURL, playwright }) => {
  const dir = await mkdtemp(path.join(tmpdir(), "tracemed-y4m-"));
  const text = `${baseURL}/00/069012340000012345`;
  await writeQrVideo(path.join(dir, "code.y4m"), text);
  const browser = await playwright.chromium.launch(cameraLaunchOptions(path.join(dir, "code.y4m")));
  try {
    const page = await browser.newPage();
    await page.goto("/");
    // What a scanner page does: open the camera and look at a frame.
    const frame = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      const video = document.createElement("video");
      video.muted = true;
      video.srcObject = stream;
      await video.play();
      const canvas = document.createElement("canvas");
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(video, 0, 0);
      stream.getTracks().forEach((t) => t.stop());
      return {
        width: canvas.width,
        height: canvas.height,
        data: [...ctx.getImageData(0, 0, canvas.width, canvas.height).data],
      };
    });
    expect(await decodeQrCodes(Uint8ClampedArray.from(frame.data), frame.width, frame.height)).toEqual([text]);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("the keyboard walk names a control Tab skips, and takes a radio group as one stop", async ({ page }) => {
  await page.setContent(`
    <a href="#a">First</a>
    <button>Reached</button>
    <button tabindex="-1">Skipped</button>
    <input type="radio" name="kind" value="a" /><input type="radio" name="kind" value="b" />
    <button hidden>Hidden</button>
    <button disabled>Disabled</button>
    <input aria-label="Last" />`);
  expect(await unreachedByTab(page)).toEqual(['button "Skipped"']);
});
