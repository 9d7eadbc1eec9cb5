// Pure assessment rules: overall grade derivation, ESFA grade mapping, the assessment state machine
// (as predicates with user-facing reasons) and working-day arithmetic. No I/O, no database: callers
// load the record, standard, checklist and holidays and pass them in.
//
// Sources: DOMAIN.md "Standards and grades" and "Certification countdown" (the derivation order is a
// product decision recorded there), ACE360's articles on provisional/overall grades, unlocking,
// resits and appeals.

import type { GradingRule } from "@/db/data/standards";
import type { ApprenticeStatus, Role } from "@/lib/domain";
import { can } from "@/lib/auth/policy";
import { formatDate } from "@/lib/format";

export type { GradingRule };

/** The part of a standard that grading needs. Scales are ordered lowest -> highest. */
export type GradingStandard = {
  overallGrades: readonly string[];
  components: readonly { code: string; name?: string; grades: readonly string[] }[];
  gradingRule: GradingRule;
};

export type DerivedGrade =
  | { status: "incomplete"; missing: string[] }
  | { status: "invalid"; problems: string[] }
  | { status: "derived"; overall: string; reason: "fail" | "all-top" | "combination" | "fallback" };

/** A predicate's answer: allowed, or refused with a reason to show the user. */
export type RuleResult = { ok: true } | { ok: false; reason: string };

const FAIL = "Fail";

const ok = (): RuleResult => ({ ok: true });
const refuse = (reason: string): RuleResult => ({ ok: false, reason });

function lastOf(scale: readonly string[], what: string): string {
  const top = scale[scale.length - 1];
  if (top === undefined) throw new Error(`${what} has an empty grade scale`);
  return top;
}

function gradeOf(componentGrades: Record<string, string>, code: string): string | undefined {
  // Own properties only: a component coded "constructor" must not pick up Object.prototype.
  if (!Object.hasOwn(componentGrades, code)) return undefined;
  const grade = componentGrades[code];
  return typeof grade === "string" && grade.trim() !== "" ? grade : undefined;
}

/**
 * Derives the overall grade from component grades (DOMAIN.md, product decision), checking in order:
 * 1. every component has a grade, else `incomplete` (missing codes in component order);
 * 2. every grade is on its component's scale and no grade is given for an unknown component, else `invalid`;
 * 3. any component "Fail" -> "Fail";
 * 4. every component at the top of its own scale -> the top overall grade;
 * 5. the first combination row whose `when` entries all match (components not listed match any grade);
 * 6. the fallback.
 * A rule that yields a grade missing from the overall scale is reported as `invalid` (bad standard data).
 */
export function deriveOverallGrade(standard: GradingStandard, componentGrades: Record<string, string>): DerivedGrade {
  const { components, overallGrades, gradingRule } = standard;

  const missing = components.filter((c) => gradeOf(componentGrades, c.code) === undefined).map((c) => c.code);
  if (missing.length > 0) return { status: "incomplete", missing };

  const problems: string[] = [];
  for (const c of components) {
    const grade = gradeOf(componentGrades, c.code)!;
    if (!c.grades.includes(grade)) {
      problems.push(`"${grade}" is not a grade for ${c.name ? `${c.name} (${c.code})` : c.code}: choose ${c.grades.join(", ")}`);
    }
  }
  const known = new Set(components.map((c) => c.code));
  for (const code of Object.keys(componentGrades)) {
    if (!known.has(code)) problems.push(`${code} is not an assessment component of this standard`);
  }
  if (problems.length > 0) return { status: "invalid", problems };

  const grades = (code: string) => gradeOf(componentGrades, code)!;
  const result = (overall: string, reason: "fail" | "all-top" | "combination" | "fallback"): DerivedGrade =>
    overallGrades.includes(overall)
      ? { status: "derived", overall, reason }
      : { status: "invalid", problems: [`The grading rule gives "${overall}", which is not on the overall scale (${overallGrades.join(", ")})`] };

  if (components.some((c) => grades(c.code) === FAIL)) return result(FAIL, "fail");
  if (components.every((c) => grades(c.code) === lastOf(c.grades, c.code))) {
    return result(lastOf(overallGrades, "The overall scale"), "all-top");
  }
  const row = gradingRule.combinations.find((r) => Object.entries(r.when).every(([code, grade]) => gradeOf(componentGrades, code) === grade));
  if (row) return result(row.overall, "combination");
  return result(gradingRule.fallback, "fallback");
}

/** The top of the standard's overall scale (e.g. "Distinction"; "Pass" for a pass-only standard). */
export function highestOverallGrade(standard: { overallGrades: readonly string[] }): string {
  return lastOf(standard.overallGrades, "The overall scale");
}

export function isHighestGrade(standard: { overallGrades: readonly string[] }, grade: string): boolean {
  return grade === highestOverallGrade(standard);
}

/** Overall grades the ESFA certificate API accepts (GET /api/v1/certificate/grades). */
export const ESFA_GRADES = ["Pass", "Credit", "Merit", "Distinction", "Pass with excellence", "Outstanding", "No grade awarded"] as const;
export type EsfaGrade = (typeof ESFA_GRADES)[number];

const normalise = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
const ESFA_BY_KEY = new Map<string, EsfaGrade>(ESFA_GRADES.map((g) => [normalise(g), g]));

/**
 * The ESFA spelling of an overall grade (case and spacing forgiven), or null when it cannot be sent:
 * a Fail is never sent ("Cannot record a Fail grade via API"), nor is a grade ESFA does not know.
 */
export function esfaGradeFor(overall: string): EsfaGrade | null {
  return ESFA_BY_KEY.get(normalise(overall)) ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Assessment state machine (issue 6)
// ---------------------------------------------------------------------------------------------------

type WithStatus = { status: ApprenticeStatus };

/** Why a record in this status is where it is, phrased to follow a colon in a reason. */
const WHERE: Record<ApprenticeStatus, string> = {
  in_training: "the apprentice is still in training",
  on_break: "the apprentice is on a break in learning",
  gateway: "the apprentice is at gateway and has not started end-point assessment",
  epa: "the apprentice is in end-point assessment",
  graded: "the overall grade has already been confirmed",
  certificated: "the apprentice has already been certificated",
  withdrawn: "the apprentice has been withdrawn",
};

/** Gateway can be submitted from "in training" once every mandatory checklist item is provided. */
export function canSubmitGateway(record: WithStatus, checklist: readonly { item: string; mandatory: boolean; provided: boolean }[]): RuleResult {
  if (record.status === "gateway") return refuse("Gateway has already been submitted for this apprentice.");
  if (record.status !== "in_training") return refuse(`Gateway can only be submitted for an apprentice in training: ${WHERE[record.status]}.`);
  const missing = [...new Set(checklist.filter((c) => c.mandatory && !c.provided).map((c) => c.item))];
  if (missing.length > 0) return refuse(`Provide the mandatory gateway evidence before submitting. Missing: ${missing.join(", ")}.`);
  return ok();
}

/** Assessors record component grades only during end-point assessment. */
export function canRecordComponentGrade(record: WithStatus): RuleResult {
  if (record.status === "epa") return ok();
  if (record.status === "graded") {
    return refuse("Component grades cannot be changed: the overall grade has been confirmed and is locked. An EPAO admin must unlock it first.");
  }
  return refuse(`Component grades can only be recorded during end-point assessment: ${WHERE[record.status]}.`);
}

/** An EPAO user confirms the provisional overall grade: the record is in EPA and the grade derives. */
export function canConfirmOverall(record: WithStatus, derived: DerivedGrade): RuleResult {
  if (record.status !== "epa") return refuse(`The overall grade can only be confirmed during end-point assessment: ${WHERE[record.status]}.`);
  if (derived.status === "incomplete") return refuse(`Record a grade for every component first. Missing: ${derived.missing.join(", ")}.`);
  if (derived.status === "invalid") return refuse(`Correct the component grades first: ${derived.problems.join("; ")}.`);
  return ok();
}

/** Only an EPAO admin unlocks a confirmed (locked) grade; the caller records the reason and audits it. */
export function canUnlock(actor: { role: Role }, locked: boolean): RuleResult {
  if (!can(actor, "grades.unlock")) return refuse("Only an EPAO admin can unlock a confirmed grade.");
  if (!locked) return refuse("The grade is not locked, so there is nothing to unlock.");
  return ok();
}

/** A resit can be requested only after a confirmed overall Fail. */
export function canRequestResit(record: WithStatus, overall: string | null): RuleResult {
  if (record.status !== "graded") return refuse(`A resit can only be requested after a confirmed Fail: ${WHERE[record.status]}.`);
  if (overall === null) return refuse("A resit can only be requested after a confirmed Fail: no overall grade has been confirmed.");
  if (overall !== FAIL) return refuse(`A resit can only be requested after a Fail: the confirmed overall grade is ${overall}.`);
  return ok();
}

/**
 * An appeal can be lodged against a confirmed grade (graded or certificated) from the day it was confirmed
 * up to and including the last day of the window: `windowWorkingDays` working days after `confirmedAt`.
 */
export function canLodgeAppeal(
  record: WithStatus,
  window: { confirmedAt: string; today: string; windowWorkingDays: number; holidays: readonly string[] },
): RuleResult {
  if (record.status !== "graded" && record.status !== "certificated") {
    return refuse(
      `An appeal can only be lodged against a confirmed grade: ${record.status === "epa" ? "the overall grade has not been confirmed yet" : WHERE[record.status]}.`,
    );
  }
  const { confirmedAt, today, windowWorkingDays, holidays } = window;
  const confirmed = parseDate(confirmedAt);
  const now = parseDate(today);
  const closes = addWorkingDays(confirmedAt, windowWorkingDays, holidays);
  if (now < confirmed) return refuse(`An appeal cannot be lodged before the grade was confirmed on ${formatDate(confirmedAt)}.`);
  if (now > parseDate(closes)) {
    const days = `${windowWorkingDays} working ${windowWorkingDays === 1 ? "day" : "days"}`;
    return refuse(`The appeal window closed on ${formatDate(closes)} (${days} after the grade was confirmed on ${formatDate(confirmedAt)}).`);
  }
  return ok();
}

// ---------------------------------------------------------------------------------------------------
// Working days (ISO dates "YYYY-MM-DD", calendar arithmetic in UTC so no time zone or DST can shift a day)
// ---------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function parseDate(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(year, month - 1, day);
    const d = new Date(t);
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day) return t;
  }
  throw new RangeError(`Not a valid date (YYYY-MM-DD): ${JSON.stringify(value)}`);
}

const toIso = (t: number) => new Date(t).toISOString().slice(0, 10);

function holidaySet(holidays: readonly string[]): Set<number> {
  return new Set(holidays.map(parseDate));
}

function isWorking(t: number, holidays: Set<number>): boolean {
  const weekday = new Date(t).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(t);
}

/** Whether a date is a working day: not a Saturday, Sunday or one of the given holidays. */
export function isWorkingDay(date: string, holidays: readonly string[]): boolean {
  return isWorking(parseDate(date), holidaySet(holidays));
}

/**
 * The date `n` working days after `date` (the start date itself is never counted; n = 0 returns it
 * unchanged). Saturdays, Sundays and the given holidays (as observed, e.g. substitute days) are skipped.
 * Example: Friday 2026-12-18 + 5 with holidays 2026-12-25 and 2026-12-28 -> Tuesday 2026-12-29.
 */
export function addWorkingDays(date: string, n: number, holidays: readonly string[]): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number of 0 or more, got ${n}`);
  const skip = holidaySet(holidays);
  let t = parseDate(date);
  for (let remaining = n; remaining > 0;) {
    t += DAY_MS;
    if (isWorking(t, skip)) remaining--;
  }
  return toIso(t);
}
