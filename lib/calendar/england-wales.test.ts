import { describe, expect, it } from "vitest";
import { BANK_HOLIDAY_YEARS, ENGLAND_AND_WALES_BANK_HOLIDAYS } from "./bank-holidays";
import { bankHolidaysBetween, bankHolidaysIn, easterSunday, ruleBankHolidays } from "./england-wales";

describe("England and Wales bank holidays", () => {
  it("the standing rules give exactly GOV.UK's list for every year it covers", () => {
    for (let year = BANK_HOLIDAY_YEARS.first; year <= BANK_HOLIDAY_YEARS.last; year++) {
      expect(ruleBankHolidays(year), String(year)).toEqual(ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((d) => d.startsWith(`${year}-`)));
    }
    expect(BANK_HOLIDAY_YEARS).toEqual({ first: 2024, last: 2027 });
  });

  it("has the 2026 Christmas substitute and New Year 2027 on a Friday", () => {
    expect(bankHolidaysIn(2026)).toEqual(expect.arrayContaining(["2026-12-25", "2026-12-28"]));
    expect(bankHolidaysIn(2026)).not.toContain("2026-12-26");
    expect(bankHolidaysIn(2027)[0]).toBe("2027-01-01");
  });

  it("computes Easter and years beyond the list", () => {
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 });
    expect(easterSunday(2027)).toEqual({ month: 3, day: 28 });
    expect(easterSunday(2028)).toEqual({ month: 4, day: 16 });
    // 2028: New Year's Day is a Saturday (substitute Monday 3rd); Christmas Monday, Boxing Day Tuesday.
    expect(bankHolidaysIn(2028)).toEqual(["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"]);
    expect(bankHolidaysBetween(2027, 2028)).toHaveLength(16);
  });
});
