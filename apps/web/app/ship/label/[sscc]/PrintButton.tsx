"use client";

export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="primary" onClick={() => window.print()} data-testid="label-print">
      {label}
    </button>
  );
}
