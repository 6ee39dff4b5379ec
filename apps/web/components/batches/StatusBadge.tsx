import type { BatchRow } from "@tracemed/provenance/regulator/batchList";

/** The icon and word of a batch's status (never colour alone). */
export function StatusBadge({
  row,
  words,
}: {
  row: Pick<BatchRow, "status" | "expired">;
  words: Record<string, string>;
}) {
  const shown = row.status === "active" && row.expired ? "expired" : row.status;
  const icon = shown === "active" ? "✓" : shown === "quarantined" ? "‖" : "✕";
  return (
    <span className={`status status-${shown === "expired" ? "recalled" : shown}`} data-status={shown}>
      <span aria-hidden="true">{icon} </span>
      {words[shown]}
    </span>
  );
}
