/**
 * Reads a QR code or GS1 DataMatrix from a camera's video: the browser's own BarcodeDetector where it has one
 * for those formats (no download at all), else zxing-wasm, loaded only then, from the app's /zxing/ copy.
 */
interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string; format: string }[]>;
}
interface DetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

let native: Promise<Detector | null> | undefined;

function nativeDetector(): Promise<Detector | null> {
  const Class = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Class) return Promise.resolve(null);
  native ??= Class.getSupportedFormats().then(
    (formats) => (formats.includes("qr_code") ? new Class({ formats: ["qr_code", "data_matrix"] }) : null),
    () => null,
  );
  return native;
}

/** Scanner text (GS1 DataMatrix keeps its `]d2` so the element string reads as GS1); null when none is found. */
export async function readVideo(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<string | null> {
  if (!video.videoWidth) return null;
  const detector = await nativeDetector();
  if (detector) {
    const hit = (await detector.detect(video))[0];
    if (!hit) return null;
    return hit.format === "data_matrix" && hit.rawValue.includes("\u001d") ? `]d2${hit.rawValue}` : hit.rawValue;
  }
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext("2d", { willReadFrequently: true })!;
  context.drawImage(video, 0, 0);
  const { readFrame } = await import("./zxing");
  return readFrame(context.getImageData(0, 0, canvas.width, canvas.height));
}
