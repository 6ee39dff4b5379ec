import { DateError } from "./errors";

/** A GS1 date YYMMDD split into its parts; `day` 0 means "end of the month" where the AI allows it. */
export interface Gs1Date {
  /** four-digit year, resolved with the GS1 sliding century window */
  year: number;
  month: number;
  day: number;
  /** the six digits as given */
  yymmdd: string;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * GS1 General Specifications 7.12: the century of a two-digit year is chosen so that the date
 * lies between 49 years in the past and 50 years in the future of `referenceYear`.
 */
export function resolveCentury(yy: number, referenceYear: number): number {
  const current = referenceYear % 100;
  const century = referenceYear - current;
  const diff = yy - current;
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/**
 * Parses YYMMDD. `allowDayZero` (AIs 11-17) accepts day 00 = last day of the month.
 * @throws DateError with the position (0-based, inside the six digits) of the bad part
 */
export function parseYymmdd(
  value: string,
  options: { allowDayZero?: boolean; referenceYear?: number; field?: string } = {},
): Gs1Date {
  const field = options.field ?? "date";
  if (typeof value !== "string" || !/^[0-9]{6}$/.test(value)) {
    throw new DateError("invalid-date", `${field} must be six digits YYMMDD`, { field, position: 0 });
  }
  const yy = Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const year = resolveCentury(yy, options.referenceYear ?? new Date().getUTCFullYear());
  if (month < 1 || month > 12) {
    throw new DateError("invalid-date", `${field}: month ${value.slice(2, 4)} does not exist`, { field, position: 2 });
  }
  if (day === 0 ? !options.allowDayZero : day > daysInMonth(year, month)) {
    throw new DateError(
      "invalid-date",
      `${field}: day ${value.slice(4, 6)} does not exist in ${year}-${value.slice(2, 4)}`,
      {
        field,
        position: 4,
      },
    );
  }
  return { year, month, day, yymmdd: value };
}

/** The last calendar day the date stands for (day 00 = end of month), as YYYY-MM-DD. */
export function gs1DateToIso(date: Gs1Date): string {
  const day = date.day === 0 ? daysInMonth(date.year, date.month) : date.day;
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The last second (unix, UTC) at which a pack with this expiry (AI 17) may still be dispensed:
 * 23:59:59 UTC of the expiry day, or of the month's last day when the day is 00. This is the
 * `expiresAt` that `registerBatch` takes.
 */
export function expiryToUnixSeconds(yymmdd: string, referenceYear?: number): number {
  const d = parseYymmdd(yymmdd, {
    allowDayZero: true,
    field: "expiry (17)",
    ...(referenceYear === undefined ? {} : { referenceYear }),
  });
  const day = d.day === 0 ? daysInMonth(d.year, d.month) : d.day;
  return Date.UTC(d.year, d.month - 1, day, 23, 59, 59) / 1000;
}

/** A Date (UTC) as YYMMDD. */
export function toYymmdd(date: Date): string {
  const yy = String(date.getUTCFullYear() % 100).padStart(2, "0");
  const mm = String(date.getUTCMonth() + 1).padStart(2, "0");
  const dd = String(date.getUTCDate()).padStart(2, "0");
  return yy + mm + dd;
}
