/**
 * The scan page's camera: reads a pack's code from the video and opens its page. Without this script (or a
 * camera) the page is a code field posting to /go.
 */
import { isLocale } from "../locales";
import { targetOfCode } from "../codeEntry";
import { readVideo } from "./reader";

const box = document.querySelector<HTMLElement>("#camera");
const status = document.querySelector<HTMLElement>("#scan-status");
const lang = document.documentElement.lang;
if (box && status && isLocale(lang)) setUp(box, status, lang);

function setUp(box: HTMLElement, status: HTMLElement, locale: "en" | "zh-CN") {
  const say = box.dataset;
  if (!navigator.mediaDevices?.getUserMedia) {
    status.textContent = say.noCamera!;
    return;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = say.start!;
  button.dataset.testid = "camera-start";
  const video = document.createElement("video");
  video.className = "camera";
  video.muted = true;
  video.playsInline = true;
  video.hidden = true;
  const canvas = document.createElement("canvas");
  box.append(button, video);
  let stream: MediaStream | null = null;

  const stop = () => {
    stream?.getTracks().forEach((t) => t.stop());
    stream = null;
    video.hidden = true;
    button.textContent = say.start!;
  };

  button.addEventListener("click", async () => {
    if (stream) return stop();
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch {
      status.textContent = say.denied!;
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    button.textContent = say.stop!;
    status.textContent = say.looking!;
    await video.play().catch(() => undefined);
    void look();
  });

  async function look() {
    while (stream) {
      const text = await readVideo(video, canvas).catch(() => null);
      if (text) {
        const target = targetOfCode(text, locale);
        if ("path" in target) {
          status.textContent = say.opening!;
          stop();
          location.assign(target.path);
          return;
        }
        status.textContent = target.error;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
