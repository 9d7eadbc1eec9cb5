import { describe, expect, it } from "vitest";
import { addDays, countdown, daysBetween, daysLeft, DEFAULT_COUNTDOWN, type CountdownSettings } from "./countdown";

const claim = (confirmedOn: string, highest: boolean, settings: CountdownSettings = DEFAULT_COUNTDOWN) => {
  const c = countdown({ confirmedOn, highest, settings });
  if (c.status !== "counting") throw new Error(c.status);
  return c.claimDate;
};

describe("claim dates (defaults: highest grade 7 calendar days, other grades 20 working days)", () => {
  // [confirmed on, highest?, expected claim date, why]
  const cases: [string, boolean, string, string][] = [
    ["2026-11-20", true, "2026-11-27", "Distinction on a Friday: seven calendar days, weekends included"],
    ["2026-11-21", true, "2026-11-28", "highest grade confirmed on a Saturday"],
    ["2026-12-22", true, "2026-12-29", "highest grade across Christmas: calendar days ignore holidays"],
    ["2026-11-20", false, "2026-12-18", "Pass on a Friday: four working weeks"],
    ["2026-11-23", false, "2026-12-21", "Pass on a Monday"],
    ["2026-11-21", false, "2026-12-18", "confirmed on a Saturday counts from the Monday"],
    ["2026-03-20", false, "2026-04-21", "across Easter 2026 (Good Friday 3 April, Easter Monday 6 April)"],
    ["2026-04-02", false, "2026-05-05", "the day before Good Friday, and the early May bank holiday (4 May)"],
    ["2026-12-10", false, "2027-01-12", "across Christmas 2026: 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan 2027 skipped"],
    ["2026-12-24", false, "2027-01-26", "Christmas Eve"],
    ["2026-12-31", false, "2027-01-29", "New Year's Eve, New Year's Day 2027 a Friday holiday"],
  ];
  for (const [on, highest, expected, why] of cases) {
    it(`${why}: ${on} → ${expected}`, () => expect(claim(on, highest)).toBe(expected));
  }
});

describe("configured values", () => {
  it("counts the EPAO's own numbers and modes", () => {
    const working7: CountdownSettings = { highestGrade: { days: 7, mode: "working" }, otherGrades: { days: 21, mode: "working" } };
    expect(claim("2026-12-18", true, working7)).toBe("2026-12-31"); // 21–24, 29–31 December
    expect(claim("2026-11-20", false, working7)).toBe("2026-12-21"); // the older article's 21 working days
    const calendar20: CountdownSettings = { highestGrade: { days: 0, mode: "calendar" }, otherGrades: { days: 20, mode: "calendar" } };
    expect(claim("2026-12-10", false, calendar20)).toBe("2026-12-30"); // Pearson's 20 calendar days
    expect(claim("2026-12-10", true, calendar20)).toBe("2026-12-10"); // claimed the same day
  });

  it("agrees with a plain day count", () => {
    expect(addDays("2026-12-18", 5, "working")).toBe("2026-12-29");
    expect(daysBetween("2026-12-18", "2026-12-29", "working")).toBe(5);
    expect(daysBetween("2026-12-18", "2026-12-29", "calendar")).toBe(11);
    expect(daysBetween("2026-12-29", "2026-12-18", "working")).toBe(0);
    // Beyond GOV.UK's list (it ends in 2027): 27 and 28 December 2027 (Christmas on a Saturday) and Monday 3 January 2028.
    expect(addDays("2027-12-20", 10, "working")).toBe("2028-01-06");
  });
});

describe("pauses", () => {
  it("an appeal stops the count; when it is decided the count resumes where it stopped", () => {
    // Pass on Friday 20 November: 23, 24, 25 November counted (3), appeal open until 2 December, then 17 more.
    const open = countdown({ confirmedOn: "2026-11-20", highest: false, pauses: [{ from: "2026-11-25", to: null, reason: "appeal" }] });
    expect(open).toMatchObject({ status: "paused", reason: "appeal", since: "2026-11-25", remaining: 17 });
    const resumed = countdown({ confirmedOn: "2026-11-20", highest: false, pauses: [{ from: "2026-11-25", to: "2026-12-02", reason: "appeal" }] });
    expect(resumed).toMatchObject({ status: "counting", claimDate: "2026-12-29" });
  });

  it("several pauses add up; a pause after the claim date changes nothing; a withdrawal cancels", () => {
    const twice = countdown({
      confirmedOn: "2026-11-20",
      highest: true,
      pauses: [
        { from: "2026-11-22", to: "2026-11-24", reason: "resit_request" },
        { from: "2026-11-26", to: "2026-11-30", reason: "break" },
      ],
    });
    // 21, 22 counted (2); resumes 24: 25, 26 (4); resumes 30: 1, 2, 3 December (7).
    expect(twice).toMatchObject({ status: "counting", claimDate: "2026-12-03" });
    expect(countdown({ confirmedOn: "2026-11-20", highest: true, pauses: [{ from: "2026-11-27", to: null, reason: "appeal" }] })).toMatchObject({
      status: "counting",
      claimDate: "2026-11-27",
    });
    expect(countdown({ confirmedOn: "2026-11-20", highest: true, withdrawn: true })).toEqual({ status: "cancelled", reason: "withdrawn" });
  });

  it("days left", () => {
    expect(daysLeft("2026-11-27", "2026-11-20")).toBe(7);
    expect(daysLeft("2026-11-27", "2026-11-30")).toBe(0);
  });
});
