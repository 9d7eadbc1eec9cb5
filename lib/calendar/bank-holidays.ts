import data from "@/db/data/uk/bank-holidays.json";

/**
 * England and Wales bank holidays as observed (substitute days included), from GOV.UK's list shipped in
 * db/data/uk/bank-holidays.json (see db/data/SOURCES.md). Working-day arithmetic (appeal windows, certificate claim
 * dates) skips these and weekends.
 */
type Division = { division: string; events: { title: string; date: string; notes: string; bunting: boolean }[] };

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly string[] = (data as unknown as Record<string, Division>)
  ["england-and-wales"]!.events.map((e) => e.date)
  .sort();

/** The first and last year the list covers; dates outside it cannot be counted in working days reliably. */
export const BANK_HOLIDAY_YEARS = {
  first: Number(ENGLAND_AND_WALES_BANK_HOLIDAYS[0]!.slice(0, 4)),
  last: Number(ENGLAND_AND_WALES_BANK_HOLIDAYS[ENGLAND_AND_WALES_BANK_HOLIDAYS.length - 1]!.slice(0, 4)),
};

export function bankHolidayTitle(date: string): string | null {
  return (data as unknown as Record<string, Division>)["england-and-wales"]!.events.find((e) => e.date === date)?.title ?? null;
}
