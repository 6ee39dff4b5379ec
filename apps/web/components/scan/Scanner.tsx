"use client";
/**
 * One place to take a code in, three ways: the device camera (zxing-wasm on video frames), a
 * keyboard-wedge barcode scanner (types fast and presses Enter; works with the field focused, and
 * on the page when nothing else has focus), or a person typing. The parent decides what the text
 * means (`onScan` returns false to keep the text in the field for correction: nothing is lost).
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "@/lib/i18n/client";
import { readFrame, loadZxing } from "@tracemed/consumer/browser/zxing";
import { Camera, CameraOff } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FIELD_TONE } from "@/components/form/Field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";
import type { Feedback } from "@/lib/inputs/asTyped";

export type ScanSource = "camera" | "wedge" | "typed";

export interface ScannerProps {
  /** Handles one scan; resolve false to keep the typed text (it was not accepted). */
  onScan: (text: string, source: ScanSource) => boolean | Promise<boolean>;
  /** Visible label of the text field */
  label: string;
  /** Text of the submit button */
  submitLabel: string;
  /** data-testid prefix: `${testId}-input`, `${testId}-scan-submit`, `${testId}-camera-start` */
  testId?: string;
  /** Keep the camera running after a read (a queue of packs); default: stop after one read */
  continuous?: boolean;
  /** Take keyboard-wedge bursts typed while nothing on the page has focus (counter use) */
  pageWedge?: boolean;
  /** Focus the field on load (a counter's scanner is ready at once) */
  autoFocus?: boolean;
  disabled?: boolean;
  /** Hint below the field */
  hint?: string;
  /** Camera first and prominent (a consumer's phone); default: the field first (a counter's scanner) */
  cameraFirst?: boolean;
  /** What the field says of its text as it is typed (null: the hint) */
  feedback?: (text: string) => Feedback | null;
}

type CameraState =
  | { phase: "off" }
  | { phase: "starting" }
  | { phase: "looking" }
  | { phase: "error"; reason: "no-api" | "denied" | "not-found" | "engine" | "failed" };

// A wedge scanner types a character every few milliseconds; people rarely go below ~60 ms.
const WEDGE_MS_PER_CHAR = 35;
const GS = "\x1d";

export function Scanner(props: ScannerProps) {
  const { onScan, label, submitLabel, testId = "scan", continuous = false, pageWedge = false } = props;
  const { m } = useI18n();
  const t = m.custody.scanner;
  const id = useId();
  const [text, setText] = useState("");
  const [camera, setCamera] = useState<CameraState>({ phase: "off" });
  const [lastRead, setLastRead] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const loopRef = useRef<number | null>(null);
  const typing = useRef<{ first: number; last: number; keys: number }>({ first: 0, last: 0, keys: 0 });
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  const submit = useCallback(async (value: string, source: ScanSource) => {
    if (!value.trim()) return;
    const accepted = await onScanRef.current(value, source);
    if (accepted !== false) setText("");
    else setText(value);
  }, []);

  // ------------------------------------------------------------------ keyboard and wedge
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const now = performance.now();
    const tp = typing.current;
    if (e.key.length === 1 || e.key === "GroupSeparator") {
      if (now - tp.last > 500 || tp.keys === 0) {
        tp.first = now;
        tp.keys = 0;
      }
      tp.keys++;
      tp.last = now;
    }
    // Scanners send FNC1 as GS: some as a "GroupSeparator" key, some as Ctrl+] (ASCII 29). A text
    // field drops control keys, so put the character in ourselves.
    if (e.key === "GroupSeparator" || (e.ctrlKey && (e.key === "]" || e.code === "BracketRight"))) {
      e.preventDefault();
      const el = e.currentTarget;
      const start = el.selectionStart ?? el.value.length;
      const end = el.selectionEnd ?? el.value.length;
      // Insert in place and move the caret now: restoring it a frame later let the scanner's next
      // keystrokes land before the separator (found by e2e/scanner.spec.ts, 3 scans in 20).
      el.setRangeText(GS, start, end, "end");
      setText(el.value);
      return;
    }
    if (e.key === "Enter") {
      e.preventDefault();
      const value = e.currentTarget.value;
      const fast = tp.keys >= 8 && (tp.last - tp.first) / (tp.keys - 1) < WEDGE_MS_PER_CHAR;
      tp.keys = 0;
      void submit(value, fast ? "wedge" : "typed");
    }
  };

  useEffect(() => {
    if (!pageWedge) return;
    let buffer = "";
    let last = 0;
    let first = 0;
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && target.closest("input, textarea, select, [contenteditable=true], button")) return;
      const now = performance.now();
      if (now - last > 100) {
        buffer = "";
        first = now;
      }
      last = now;
      if (e.key === "Enter") {
        const perChar = buffer.length > 1 ? (now - first) / buffer.length : Infinity;
        if (buffer.length >= 8 && perChar < WEDGE_MS_PER_CHAR * 1.5) {
          e.preventDefault();
          void submit(buffer, "wedge");
        }
        buffer = "";
      } else if (e.key === "GroupSeparator" || (e.ctrlKey && e.key === "]")) buffer += GS;
      else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) buffer += e.key;
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [pageWedge, submit]);

  // ------------------------------------------------------------------ camera
  const stopCamera = useCallback(() => {
    if (loopRef.current !== null) window.clearTimeout(loopRef.current);
    loopRef.current = null;
    streamRef.current?.getTracks().forEach((tr) => tr.stop());
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
    setCamera({ phase: "off" });
  }, []);

  useEffect(() => stopCamera, [stopCamera]);

  const startCamera = async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setCamera({ phase: "error", reason: "no-api" });
      return;
    }
    setCamera({ phase: "starting" });
    setLastRead(null);
    try {
      await loadZxing();
    } catch {
      setCamera({ phase: "error", reason: "engine" });
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
    } catch (e) {
      const name = (e as DOMException)?.name;
      setCamera({
        phase: "error",
        reason:
          name === "NotAllowedError" || name === "SecurityError"
            ? "denied"
            : name === "NotFoundError" || name === "OverconstrainedError"
              ? "not-found"
              : "failed",
      });
      return;
    }
    streamRef.current = stream;
    const video = videoRef.current!;
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    setCamera({ phase: "looking" });
    const canvas = document.createElement("canvas");
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    let recent: { text: string; at: number } | null = null;
    const tick = async () => {
      if (!streamRef.current) return;
      if (video.readyState >= 2 && video.videoWidth > 0) {
        const scale = Math.min(1, 1280 / video.videoWidth);
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        let found: string | null = null;
        try {
          found = await readFrame(ctx.getImageData(0, 0, canvas.width, canvas.height));
        } catch {
          found = null;
        }
        const now = performance.now();
        // The same code held in front of the camera is one scan, not one per frame.
        if (found && !(recent && recent.text === found && now - recent.at < 3000)) {
          recent = { text: found, at: now };
          setLastRead(found);
          navigator.vibrate?.(40);
          if (!continuous) stopCamera();
          await submit(found, "camera");
          if (!continuous) return;
        } else if (found) recent = { text: found, at: now };
      }
      if (streamRef.current) loopRef.current = window.setTimeout(() => void tick(), 120);
    };
    void tick();
  };

  const cameraOn = camera.phase === "starting" || camera.phase === "looking";
  const cameraMessage =
    camera.phase === "starting"
      ? t.cameraStarting
      : camera.phase === "looking"
        ? t.cameraLooking
        : camera.phase === "error"
          ? {
              "no-api": t.cameraNoApi,
              denied: t.cameraDenied,
              "not-found": t.cameraNotFound,
              engine: t.engineFailed,
              failed: t.cameraFailed,
            }[camera.reason]
          : null;

  const said = props.feedback?.(text) ?? null;
  const formBlock = (
    <form
      className="flex flex-col gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(text, "typed");
      }}
    >
      <Label htmlFor={`${id}-code`} className="text-base">
        {label}
      </Label>
      <div className="flex flex-wrap gap-2">
        <Input
          ref={inputRef}
          id={`${id}-code`}
          name="code"
          type="text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          // A counter scanner types into this field at once.
          autoFocus={props.autoFocus}
          disabled={props.disabled}
          aria-describedby={`${id}-hint`}
          aria-invalid={said?.tone === "bad" ? true : undefined}
          data-testid={`${testId}-input`}
          className="h-tap min-w-0 flex-[1_1_14rem] font-mono text-base sm:text-base"
        />
        <Button
          type="submit"
          size="lg"
          className="w-full sm:w-auto sm:flex-[0_0_auto]"
          disabled={props.disabled || !text.trim()}
          data-testid={`${testId}-scan-submit`}
        >
          {submitLabel}
        </Button>
      </div>
      <p
        id={`${id}-hint`}
        className={cn("m-0 text-sm", FIELD_TONE[said?.tone ?? "hint"])}
        aria-live={props.feedback ? "polite" : undefined}
        data-testid={`${testId}-typed`}
        data-tone={said?.tone}
      >
        {said?.text ?? props.hint ?? t.hint}
      </p>
    </form>
  );
  const cameraBlock = (
    // On a phone the camera comes first, as a full-width button a thumb finds; at a desk the field does.
    <div className={cn("flex flex-col gap-2", props.cameraFirst ? "order-first" : "order-first sm:order-last")}>
      {cameraOn ? (
        <Button
          variant="secondary"
          size="lg"
          className="min-h-14 w-full text-lg sm:w-auto sm:self-start"
          onClick={stopCamera}
          data-testid={`${testId}-camera-stop`}
        >
          <CameraOff aria-hidden="true" className="size-6!" /> {t.stopCamera}
        </Button>
      ) : (
        <Button
          variant={props.cameraFirst ? "primary" : "secondary"}
          size="lg"
          className="min-h-14 w-full text-lg sm:w-auto sm:self-start"
          onClick={() => void startCamera()}
          data-testid={`${testId}-camera-start`}
        >
          <Camera aria-hidden="true" className="size-6!" /> {t.startCamera}
        </Button>
      )}
      <video
        ref={videoRef}
        muted
        playsInline
        hidden={!cameraOn}
        aria-label={t.videoLabel}
        className="block w-full max-w-lg rounded-control bg-ink [&[hidden]]:hidden"
        data-testid={`${testId}-video`}
      />
      {cameraMessage ? (
        <p
          className={cn("m-0 text-sm", camera.phase === "error" ? "font-medium text-bad" : "text-muted")}
          role={camera.phase === "error" ? "alert" : "status"}
          data-testid={`${testId}-camera-status`}
          data-camera-phase={camera.phase}
        >
          {camera.phase === "error" ? <span aria-hidden="true">✕ </span> : null}
          {cameraMessage}
        </p>
      ) : null}
      {lastRead ? (
        <p className="m-0 text-sm text-muted" data-testid={`${testId}-last-read`}>
          {t.lastRead} <code>{lastRead.replaceAll(GS, "␝")}</code>
        </p>
      ) : null}
    </div>
  );
  return (
    <Card className="mb-4 gap-4" data-testid={`${testId}-scanner`}>
      {formBlock}
      {cameraBlock}
    </Card>
  );
}
