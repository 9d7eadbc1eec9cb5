import { BANK_HOLIDAY_YEARS, ENGLAND_AND_WALES_BANK_HOLIDAYS } from "./bank-holidays";

/**
 * England and Wales bank holidays for any year. The years GOV.UK's list covers come from the list itself (it includes
 * one-off holidays such as a coronation); other years are computed from the standing rules: New Year's Day, Good
 * Friday, Easter Monday, the early May bank holiday (first Monday of May), the spring bank holiday (last Monday of
 * May), the summer bank holiday (last Monday of August), Christmas Day and Boxing Day, a holiday on a weekend moving
 * to the next working day. lib/calendar/england-wales.test.ts checks that the rules give exactly GOV.UK's list.
 */

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function shift(y: number, m: number, d: number, days: number): string {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function firstMonday(y: number, m: number): number {
  return 1 + ((8 - weekday(y, m, 1)) % 7);
}

function lastMonday(y: number, m: number): number {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return last - ((weekday(y, m, last) + 6) % 7);
}

/** The bank holidays the standing rules give for a year (substitute days included), in date order. */
export function ruleBankHolidays(year: number): string[] {
  const out: string[] = [];
  // New Year's Day, or the Monday after when it falls at a weekend.
  const ny = weekday(year, 1, 1);
  out.push(ny === 6 ? iso(year, 1, 3) : ny === 0 ? iso(year, 1, 2) : iso(year, 1, 1));
  const easter = easterSunday(year);
  out.push(shift(year, easter.month, easter.day, -2), shift(year, easter.month, easter.day, 1));
  out.push(iso(year, 5, firstMonday(year, 5)), iso(year, 5, lastMonday(year, 5)), iso(year, 8, lastMonday(year, 8)));
  // Christmas Day and Boxing Day, with substitutes on the next working days.
  const xmas = weekday(year, 12, 25);
  if (xmas === 6) out.push(iso(year, 12, 27), iso(year, 12, 28));
  else if (xmas === 0) out.push(iso(year, 12, 26), iso(year, 12, 27));
  else if (xmas === 5) out.push(iso(year, 12, 25), iso(year, 12, 28));
  else out.push(iso(year, 12, 25), iso(year, 12, 26));
  return out.sort();
}

const listed = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS);
const cache = new Map<number, string[]>();

/** The bank holidays of a year: GOV.UK's list for the years it covers, the standing rules otherwise. */
export function bankHolidaysIn(year: number): string[] {
  let days = cache.get(year);
  if (!days) {
    days =
      year >= BANK_HOLIDAY_YEARS.first && year <= BANK_HOLIDAY_YEARS.last
        ? ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((d) => d.startsWith(`${year}-`))
        : ruleBankHolidays(year);
    cache.set(year, days);
  }
  return days;
}

/** Every bank holiday from `fromYear` to `toYear` inclusive (for the working-day arithmetic in lib/assessment/rules). */
export function bankHolidaysBetween(fromYear: number, toYear: number): string[] {
  const out: string[] = [];
  for (let y = fromYear; y <= toYear; y++) out.push(...bankHolidaysIn(y));
  return out;
}

export function isListedBankHoliday(date: string): boolean {
  return listed.has(date);
}
