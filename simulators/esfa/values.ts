/** Comparisons and renderings of values, made the way the .NET service makes them. */

export const DAY = 86_400_000;

export const blank = (value: string | null | undefined): boolean => value == null || value.trim() === "";
export const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** .NET's rendering of a date-only DateTime. */
export const dotnetDate = (ymd: string | null | undefined) => (ymd ? `${ymd.slice(0, 10)}T00:00:00` : null);
export const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
