import { addWorkingDays, isWorkingDay } from "@/lib/assessment/rules";
import { bankHolidaysBetween } from "@/lib/calendar/england-wales";

/**
 * The certification countdown (DOMAIN.md "Certification countdown", ACE360's rule made configurable per EPAO): from
 * the confirmed overall grade, the highest grade of the standard's scale is claimed after 7 (calendar) days and any
 * other grade after the 20-working-day appeal period. Weekends and England and Wales bank holidays as observed are
 * skipped when counting working days. Pauses (an open appeal, a resit request, a break in learning) stop the count;
 * when a pause ends the count resumes where it stopped. A withdrawal cancels it. Pure: dates are "YYYY-MM-DD".
 */

export type CountMode = "calendar" | "working";
export type CountdownRule = { days: number; mode: CountMode };
export type CountdownSettings = { highestGrade: CountdownRule; otherGrades: CountdownRule };

export const DEFAULT_COUNTDOWN: CountdownSettings = {
  highestGrade: { days: 7, mode: "calendar" },
  otherGrades: { days: 20, mode: "working" },
};

export type PauseReason = "appeal" | "resit_request" | "break";
export type Pause = { from: string; to: string | null; reason: PauseReason };

export type Countdown =
  | { status: "counting"; claimDate: string; rule: CountdownRule }
  | { status: "paused"; reason: PauseReason; since: string; remaining: number; rule: CountdownRule }
  | { status: "cancelled"; reason: "withdrawn" };

const DAY = 86_400_000;
const toTime = (d: string) => Date.parse(`${d}T00:00:00Z`);
const toIso = (t: number) => new Date(t).toISOString().slice(0, 10);

function holidaysFor(from: string, years = 3): string[] {
  const y = Number(from.slice(0, 4));
  return bankHolidaysBetween(y - 1, y + years);
}

/** `n` days after `date` in the rule's mode (the start day itself never counts). */
export function addDays(date: string, n: number, mode: CountMode): string {
  if (mode === "calendar") return toIso(toTime(date) + n * DAY);
  return addWorkingDays(date, n, holidaysFor(date, Math.ceil(n / 200) + 1));
}

/** How many days of the rule's mode pass after `from` up to and including `to` (0 when `to` is not after `from`). */
export function daysBetween(from: string, to: string, mode: CountMode): number {
  const start = toTime(from);
  const end = toTime(to);
  if (end <= start) return 0;
  if (mode === "calendar") return Math.round((end - start) / DAY);
  const holidays = holidaysFor(from, Math.ceil((end - start) / (365 * DAY)) + 1);
  let n = 0;
  for (let t = start + DAY; t <= end; t += DAY) if (isWorkingDay(toIso(t), holidays)) n++;
  return n;
}

export function ruleFor(settings: CountdownSettings, highest: boolean): CountdownRule {
  return highest ? settings.highestGrade : settings.otherGrades;
}

/**
 * The claim date of a grade confirmed on `confirmedOn`, or why there is none. Pauses are applied in date order: the
 * days counted before a pause are kept, the count resumes on the day the pause ends (an open pause leaves it paused).
 * A pause that starts on or after the claim date no longer matters (the certificate was due before it).
 */
export function countdown(input: {
  confirmedOn: string;
  highest: boolean;
  settings?: CountdownSettings;
  pauses?: readonly Pause[];
  withdrawn?: boolean;
}): Countdown {
  if (input.withdrawn) return { status: "cancelled", reason: "withdrawn" };
  const rule = ruleFor(input.settings ?? DEFAULT_COUNTDOWN, input.highest);
  let start = input.confirmedOn;
  let remaining = rule.days;
  const pauses = [...(input.pauses ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  for (const pause of pauses) {
    if (pause.to !== null && pause.to <= start) continue; // over before the count (re)started
    const from = pause.from < start ? start : pause.from;
    const elapsed = daysBetween(start, from, rule.mode);
    if (elapsed >= remaining) break; // due before this pause began
    remaining -= elapsed;
    if (pause.to === null) return { status: "paused", reason: pause.reason, since: pause.from, remaining, rule };
    start = pause.to;
  }
  return { status: "counting", claimDate: addDays(start, remaining, rule.mode), rule };
}

/** Calendar days from `today` until the claim date (0 when due or overdue). */
export function daysLeft(claimDate: string, today: string): number {
  return Math.max(0, Math.round((toTime(claimDate) - toTime(today)) / DAY));
}
