/**
 * The pack page's enhancement: the PIN grouped in fours as it is typed (the caret stays where the person types),
 * a typo caught by the check digit before anything is sent, and the check sent with fetch to /api/verify and
 * drawn with the same renderer as the server's verdict page. Without this script the plain form post works.
 */
import { formatPin, PIN_GROUP, readPinInput, type PinInputStatus } from "@tracemed/codes/browser";
import { fmt, isLocale } from "../locales";
import { consumerMessages } from "../messages";
import { renderVerdict, verdictOfAnswer, verdictOfRefusal, type VerifyAnswer } from "../pages/verdict";

const form = document.querySelector<HTMLFormElement>('form[data-testid="pin-form"]');
const field = form?.querySelector<HTMLInputElement>("#pin");
const button = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
const lang = document.documentElement.lang;
if (form && field && button && isLocale(lang)) enhance(form, field, button, consumerMessages(lang), lang);

/** Where the caret goes after `k` digits in the grouped form ("1234 5678 9…"). */
const caretAfter = (k: number) => k + Math.floor(Math.max(k - 1, 0) / PIN_GROUP);

function enhance(
  form: HTMLFormElement,
  field: HTMLInputElement,
  button: HTMLButtonElement,
  m: ReturnType<typeof consumerMessages>,
  locale: "en" | "zh-CN",
) {
  const t = m.pin;
  const hint = form.querySelector<HTMLElement>("#pin-hint")!;
  const live = form.querySelector<HTMLElement>("#pin-live")!;
  const problem = form.querySelector<HTMLElement>("#pin-problem")!;
  const slot = form.querySelector<HTMLElement>("#verdict-slot")!;
  const problems: Partial<Record<PinInputStatus, string>> = {
    "check-failed": t.typo,
    "too-long": t.tooLong,
    "invalid-character": t.invalidChar,
  };
  let previous = field.value;
  let busy = false;

  const show = () => {
    const input = readPinInput(field.value);
    const bad = problems[input.status];
    const text = bad ?? (input.status === "ok" ? t.complete : fmt(t.progress, { n: input.digits.length }));
    hint.textContent = `${bad ? "✕ " : input.status === "ok" ? "✓ " : ""}${text}`;
    hint.className = `hint${bad ? " hint-bad" : input.status === "ok" ? " hint-ok" : ""}`;
    live.textContent = bad || input.status === "ok" ? text : "";
    field.toggleAttribute("aria-invalid", bad !== undefined);
    if (bad) field.setAttribute("aria-invalid", "true");
    field.dataset.pinStatus = input.status;
    button.disabled = busy || input.status !== "ok";
    return input;
  };

  field.addEventListener("input", (e) => {
    const raw = field.value;
    const at = field.selectionStart ?? raw.length;
    const read = readPinInput(raw);
    if (read.status !== "invalid-character") {
      let digits = read.digits;
      let before = readPinInput(raw.slice(0, at)).digits.length;
      const backspace = (e as InputEvent).inputType === "deleteContentBackward";
      if (backspace && previous[at] === " " && raw === previous.slice(0, at) + previous.slice(at + 1) && before > 0) {
        // Backspace over a group space: delete the digit before it, as people expect.
        digits = digits.slice(0, before - 1) + digits.slice(before);
        before -= 1;
      }
      field.value = formatPin(digits);
      if (document.activeElement === field) field.setSelectionRange(caretAfter(before), caretAfter(before));
    }
    previous = field.value;
    problem.replaceChildren();
    show();
  });
  show();

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const input = show();
    if (input.status !== "ok" || busy) return;
    void check(input.digits);
  });

  async function check(pin: string) {
    const key = { gtin: form.dataset.gtin!, lot: form.dataset.lot!, serial: form.dataset.serial! };
    const expiry = form.querySelector<HTMLInputElement>('input[name="exp"]')?.value;
    busy = true;
    const label = button.textContent;
    button.textContent = t.checking;
    show();
    problem.replaceChildren();
    try {
      const res = await fetch("/api/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...key, pin, ...(expiry ? { expiry } : {}) }),
      });
      const body = (await res.json().catch(() => null)) as (VerifyAnswer & { error?: { code: string } }) | null;
      const refusal = body?.error
        ? verdictOfRefusal(body.error.code, Number(res.headers.get("retry-after")) || undefined)
        : null;
      if (res.ok && body && !body.error) draw(renderVerdict(verdictOfAnswer(body, key), locale).text);
      else if (refusal) draw(renderVerdict(refusal, locale).text);
      else say(body?.error?.code === "PinTypo" ? t.errors.PinTypo : t.errors.unexpected);
    } catch {
      say(t.errors.network);
    } finally {
      busy = false;
      button.textContent = label;
      show();
    }
  }

  function draw(markup: string) {
    slot.innerHTML = markup; // rendered by the escaping template, as on the server
    slot.querySelector<HTMLElement>("#verdict")?.focus();
  }

  function say(text: string) {
    const p = document.createElement("p");
    p.className = "notice";
    p.setAttribute("role", "alert");
    p.dataset.testid = "pin-problem";
    p.textContent = text;
    problem.replaceChildren(p);
  }
}
