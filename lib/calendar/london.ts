/**
 * London (England) time, which DfE's services, ESFA's and our own daily schedules run on. One formatter serves every
 * conversion; the parts are numbers, the date is "YYYY-MM-DD".
 */

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export type LondonParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock parts in London of an instant. */
export function londonParts(value: Date): LondonParts {
  const p = Object.fromEntries(LONDON.formatToParts(value).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
}

/** The calendar date (YYYY-MM-DD) in London of an instant. */
export function londonDate(value: Date): string {
  const p = londonParts(value);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/**
 * Today's date (YYYY-MM-DD) in London: the one "today" of the portal, for due dates, horizons, dashboards and file
 * names. Never `new Date().toISOString().slice(0, 10)`, which is the UTC date and is tomorrow's or yesterday's
 * date in London for an hour a day in summer.
 */
export function londonToday(now: Date = new Date()): string {
  return londonDate(now);
}

/** Milliseconds London is ahead of UTC at an instant (0 in winter, 1 hour in summer). */
export function londonOffset(instant: number): number {
  const p = londonParts(new Date(instant));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant of a London wall-clock time given as if it were UTC milliseconds (GMT and BST both handled). */
export function fromLondonWallClock(wall: number): Date {
  return new Date(wall - londonOffset(wall - londonOffset(wall)));
}
