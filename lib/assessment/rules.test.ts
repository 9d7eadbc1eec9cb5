import { describe, expect, it } from "vitest";
import { STANDARDS, type StandardSeed } from "@/db/data/standards";
import { APPRENTICE_STATUSES, type ApprenticeStatus, ROLES } from "@/lib/domain";
import {
  ESFA_GRADES,
  addWorkingDays,
  canConfirmOverall,
  canLodgeAppeal,
  canRecordComponentGrade,
  canRequestResit,
  canSubmitGateway,
  canUnlock,
  deriveOverallGrade,
  esfaGradeFor,
  highestOverallGrade,
  isHighestGrade,
  isWorkingDay,
  type DerivedGrade,
  type GradingStandard,
} from "./rules";

const F = "Fail";
const P = "Pass";
const M = "Merit";
const D = "Distinction";

function standard(reference: string): StandardSeed {
  const s = STANDARDS.find((x) => x.reference === reference);
  if (!s) throw new Error(`${reference} is not in db/data/standards.ts`);
  return s;
}

/** Every combination of component grades, built from the data's own scales (cartesian product). */
function everyCombination(s: GradingStandard): string[][] {
  return s.components.reduce<string[][]>((acc, c) => acc.flatMap((combo) => c.grades.map((g) => [...combo, g])), [[]]);
}

type Reason = "fail" | "all-top" | "combination" | "fallback";
/** One row of an expected table: a grade per component (in the standard's component order), then overall and reason. */
type Row = [...grades: string[], overall: string, reason: Reason];

/**
 * Checks every combination of the standard's component grades against a hand-written table. The table must
 * cover each combination exactly once, so a change to the data's scales or components fails loudly.
 */
function checkExhaustively(s: GradingStandard, table: Row[]) {
  const n = s.components.length;
  const expected = new Map<string, { overall: string; reason: string }>();
  for (const row of table) {
    expect(row.length).toBe(n + 2);
    const key = row.slice(0, n).join("|");
    expect(expected.has(key), `duplicate row ${key}`).toBe(false);
    expected.set(key, { overall: row[n]!, reason: row[n + 1]! });
  }
  const combos = everyCombination(s);
  expect(combos.length).toBe(s.components.reduce((k, c) => k * c.grades.length, 1));
  expect(expected.size).toBe(combos.length);
  for (const combo of combos) {
    const want = expected.get(combo.join("|"));
    expect(want, `no expected row for ${combo.join(" / ")}`).toBeDefined();
    const grades = Object.fromEntries(s.components.map((c, i) => [c.code, combo[i]!]));
    expect(deriveOverallGrade(s, grades), combo.join(" / ")).toEqual({ status: "derived", overall: want!.overall, reason: want!.reason });
  }
}

describe("deriveOverallGrade: exhaustive tables for real standards", () => {
  it("ST0070 Business administrator: three Fail/Pass/Distinction methods, Pass/Distinction overall, no table", () => {
    const s = standard("ST0070");
    expect(s.components.map((c) => c.code)).toEqual(["KT", "PBI", "PP"]);
    // KT, PBI, PP -> overall
    checkExhaustively(s, [
      [F, F, F, F, "fail"],
      [F, F, P, F, "fail"],
      [F, F, D, F, "fail"],
      [F, P, F, F, "fail"],
      [F, P, P, F, "fail"],
      [F, P, D, F, "fail"],
      [F, D, F, F, "fail"],
      [F, D, P, F, "fail"],
      [F, D, D, F, "fail"],
      [P, F, F, F, "fail"],
      [P, F, P, F, "fail"],
      [P, F, D, F, "fail"],
      [P, P, F, F, "fail"],
      [P, P, P, P, "fallback"],
      [P, P, D, P, "fallback"],
      [P, D, F, F, "fail"],
      [P, D, P, P, "fallback"],
      [P, D, D, P, "fallback"],
      [D, F, F, F, "fail"],
      [D, F, P, F, "fail"],
      [D, F, D, F, "fail"],
      [D, P, F, F, "fail"],
      [D, P, P, P, "fallback"],
      [D, P, D, P, "fallback"],
      [D, D, F, F, "fail"],
      [D, D, P, P, "fallback"],
      [D, D, D, D, "all-top"],
    ]);
  });

  it("ST0119 DTS professional: Fail/Pass/Distinction methods, Pass/Merit/Distinction overall (pass + distinction = merit)", () => {
    const s = standard("ST0119");
    expect(s.components.map((c) => c.code)).toEqual(["PRJ", "PD"]);
    // PRJ, PD -> overall
    checkExhaustively(s, [
      [F, F, F, "fail"],
      [F, P, F, "fail"],
      [F, D, F, "fail"],
      [P, F, F, "fail"],
      [P, P, P, "combination"],
      [P, D, M, "combination"],
      [D, F, F, "fail"],
      [D, P, M, "combination"],
      [D, D, D, "all-top"],
    ]);
  });

  it("ST0482 DTS specialist: Fail/Pass/Merit/Distinction methods, the project report drives the grade", () => {
    const s = standard("ST0482");
    expect(s.components.map((c) => c.code)).toEqual(["PRJ", "PD"]);
    // PRJ, PD -> overall. Rows with only PRJ listed match any PD grade above Fail.
    checkExhaustively(s, [
      [F, F, F, "fail"],
      [F, P, F, "fail"],
      [F, M, F, "fail"],
      [F, D, F, "fail"],
      [P, F, F, "fail"],
      [P, P, P, "combination"],
      [P, M, P, "combination"],
      [P, D, P, "combination"],
      [M, F, F, "fail"],
      [M, P, M, "combination"],
      [M, M, M, "combination"],
      [M, D, M, "combination"],
      [D, F, F, "fail"],
      [D, P, M, "combination"],
      [D, M, D, "combination"],
      [D, D, D, "all-top"],
    ]);
  });

  it("ST0152 Installation and maintenance electrician: pass-only", () => {
    const s = standard("ST0152");
    expect(s.components.map((c) => c.code)).toEqual(["PRAC", "AAK"]);
    // PRAC, AAK -> overall. Pass/Pass is the top of every scale, so all-top wins over the table's row.
    checkExhaustively(s, [
      [F, F, F, "fail"],
      [F, P, F, "fail"],
      [P, F, F, "fail"],
      [P, P, P, "all-top"],
    ]);
  });

  it("ST0384 Team leader: distinction only when both methods are distinction", () => {
    const s = standard("ST0384");
    expect(s.components.map((c) => c.code)).toEqual(["PQ", "PD"]);
    checkExhaustively(s, [
      [F, F, F, "fail"],
      [F, P, F, "fail"],
      [F, D, F, "fail"],
      [P, F, F, "fail"],
      [P, P, P, "combination"],
      [P, D, P, "combination"],
      [D, F, F, "fail"],
      [D, P, P, "combination"],
      [D, D, D, "all-top"],
    ]);
  });
});

describe("deriveOverallGrade: invariants over every standard in the data", () => {
  describe.each(STANDARDS.map((s) => [s.reference, s] as const))("%s", (_ref, s) => {
    const top = s.overallGrades[s.overallGrades.length - 1];
    const combos = everyCombination(s).map((combo) => Object.fromEntries(s.components.map((c, i) => [c.code, combo[i]!])));

    it("derives a grade on the overall scale for every combination", () => {
      for (const grades of combos) {
        const r = deriveOverallGrade(s, grades);
        expect(r.status).toBe("derived");
        if (r.status === "derived") expect(s.overallGrades).toContain(r.overall);
      }
    });

    it("gives Fail whenever any component is Fail, and only then", () => {
      for (const grades of combos) {
        const r = deriveOverallGrade(s, grades) as Extract<DerivedGrade, { status: "derived" }>;
        const anyFail = Object.values(grades).includes(F);
        expect(r.overall === F, JSON.stringify(grades)).toBe(anyFail);
        expect(r.reason === "fail").toBe(anyFail);
      }
    });

    it("gives the top overall grade when every component is at its top grade", () => {
      const allTop = Object.fromEntries(s.components.map((c) => [c.code, c.grades[c.grades.length - 1]!]));
      expect(deriveOverallGrade(s, allTop)).toEqual({ status: "derived", overall: top, reason: "all-top" });
    });

    it("is incomplete with nothing recorded, listing every component in order", () => {
      expect(deriveOverallGrade(s, {})).toEqual({ status: "incomplete", missing: s.components.map((c) => c.code) });
    });
  });
});

describe("deriveOverallGrade: rule order and edge cases", () => {
  const FPD = [F, P, D];
  const twoMethods = (combinations: GradingStandard["gradingRule"]["combinations"], fallback = P): GradingStandard => ({
    overallGrades: [F, P, M, D],
    components: [
      { code: "A", name: "Project", grades: FPD },
      { code: "B", name: "Discussion", grades: FPD },
    ],
    gradingRule: { combinations, fallback },
  });

  it("lists missing components in component order, not in the order grades were given", () => {
    const s: GradingStandard = {
      overallGrades: [F, P],
      components: ["X", "Y", "Z"].map((code) => ({ code, grades: [F, P] })),
      gradingRule: { combinations: [], fallback: P },
    };
    expect(deriveOverallGrade(s, { Y: P })).toEqual({ status: "incomplete", missing: ["X", "Z"] });
    expect(deriveOverallGrade(s, { Z: P, X: P })).toEqual({ status: "incomplete", missing: ["Y"] });
  });

  it("treats empty and blank grades as missing", () => {
    expect(deriveOverallGrade(twoMethods([]), { A: "", B: "  " })).toEqual({ status: "incomplete", missing: ["A", "B"] });
  });

  it("does not pick up Object.prototype properties as grades", () => {
    const s: GradingStandard = { overallGrades: [F, P], components: [{ code: "constructor", grades: [F, P] }], gradingRule: { combinations: [], fallback: P } };
    expect(deriveOverallGrade(s, {})).toEqual({ status: "incomplete", missing: ["constructor"] });
    expect(deriveOverallGrade(s, { constructor: P })).toEqual({ status: "derived", overall: P, reason: "all-top" });
  });

  it("reports incomplete before invalid", () => {
    expect(deriveOverallGrade(twoMethods([]), { A: "Merit" })).toEqual({ status: "incomplete", missing: ["B"] });
  });

  it("reports a grade that is not on its component's scale, naming the scale", () => {
    const r = deriveOverallGrade(twoMethods([]), { A: "Merit", B: P });
    expect(r).toEqual({ status: "invalid", problems: ['"Merit" is not a grade for Project (A): choose Fail, Pass, Distinction'] });
  });

  it("is case-sensitive about grades and lists every problem", () => {
    const r = deriveOverallGrade(twoMethods([]), { A: "pass", B: "Excellent" });
    expect(r.status).toBe("invalid");
    if (r.status === "invalid") {
      expect(r.problems).toHaveLength(2);
      expect(r.problems[0]).toContain('"pass"');
      expect(r.problems[1]).toContain('"Excellent"');
    }
  });

  it("uses the code when a component has no name", () => {
    const s = standard("ST0119");
    const bare: GradingStandard = { ...s, components: s.components.map(({ code, grades }) => ({ code, grades })) };
    expect(deriveOverallGrade(bare, { PRJ: M, PD: P })).toEqual({
      status: "invalid",
      problems: ['"Merit" is not a grade for PRJ: choose Fail, Pass, Distinction'],
    });
  });

  it("rejects grades for a component the standard does not have", () => {
    expect(deriveOverallGrade(standard("ST0119"), { PRJ: P, PD: P, KT: P })).toEqual({
      status: "invalid",
      problems: ["KT is not an assessment component of this standard"],
    });
  });

  it("checks Fail before all-top and before the table", () => {
    const s = twoMethods([{ when: { A: D }, overall: D }]);
    expect(deriveOverallGrade(s, { A: D, B: F })).toEqual({ status: "derived", overall: F, reason: "fail" });
  });

  it("checks all-top before the table, even if a row says otherwise", () => {
    const s = twoMethods([{ when: { A: D, B: D }, overall: M }]);
    expect(deriveOverallGrade(s, { A: D, B: D })).toEqual({ status: "derived", overall: D, reason: "all-top" });
  });

  it("uses the first matching row", () => {
    const s = twoMethods([
      { when: { A: P }, overall: M },
      { when: { A: P, B: P }, overall: P },
    ]);
    expect(deriveOverallGrade(s, { A: P, B: P })).toEqual({ status: "derived", overall: M, reason: "combination" });
  });

  it("treats components missing from a row as any grade, and a row with no conditions as matching everything", () => {
    const s = twoMethods([
      { when: { B: D }, overall: M },
      { when: {}, overall: D },
    ]);
    expect(deriveOverallGrade(s, { A: P, B: D })).toEqual({ status: "derived", overall: M, reason: "combination" });
    expect(deriveOverallGrade(s, { A: D, B: P })).toEqual({ status: "derived", overall: D, reason: "combination" });
  });

  it("falls back when no row matches", () => {
    const s = twoMethods([{ when: { A: D }, overall: M }], P);
    expect(deriveOverallGrade(s, { A: P, B: D })).toEqual({ status: "derived", overall: P, reason: "fallback" });
  });

  it("judges all-top against each component's own scale", () => {
    const s: GradingStandard = {
      overallGrades: [F, P, "Pass with excellence"],
      components: [
        { code: "OBS", grades: [F, P, D] },
        { code: "KT", grades: [F, P] },
      ],
      gradingRule: { combinations: [], fallback: P },
    };
    expect(deriveOverallGrade(s, { OBS: D, KT: P })).toEqual({ status: "derived", overall: "Pass with excellence", reason: "all-top" });
    expect(deriveOverallGrade(s, { OBS: P, KT: P })).toEqual({ status: "derived", overall: P, reason: "fallback" });
  });

  it("reports a rule that yields a grade missing from the overall scale", () => {
    const s = twoMethods([{ when: { A: P }, overall: "Credit" }]);
    const r = deriveOverallGrade(s, { A: P, B: P });
    expect(r.status).toBe("invalid");
    if (r.status === "invalid") expect(r.problems[0]).toContain('"Credit"');
  });

  it("does not modify its inputs", () => {
    const s = Object.freeze(structuredClone(standard("ST0482")));
    const grades = Object.freeze({ PRJ: D, PD: M });
    expect(deriveOverallGrade(s, grades)).toEqual({ status: "derived", overall: D, reason: "combination" });
    expect(grades).toEqual({ PRJ: D, PD: M });
  });
});

describe("highestOverallGrade and isHighestGrade", () => {
  // Hand-written from db/data/standards.ts: the top of each standard's overall scale.
  const HIGHEST: Record<string, string> = {
    ST0070: D,
    ST0384: D,
    ST0480: D,
    ST0119: D,
    ST0482: D,
    ST0116: D,
    ST0327: D,
    ST0152: P,
    ST0974: D,
    ST0170: D,
    ST0385: D,
  };

  it("has an expected highest grade for every standard in the data", () => {
    expect(Object.keys(HIGHEST).sort()).toEqual(STANDARDS.map((s) => s.reference).sort());
  });

  it.each(STANDARDS.map((s) => [s.reference, s] as const))("%s", (ref, s) => {
    expect(highestOverallGrade(s)).toBe(HIGHEST[ref]);
    for (const g of s.overallGrades) expect(isHighestGrade(s, g)).toBe(g === HIGHEST[ref]);
    expect(isHighestGrade(s, "Outstanding")).toBe(false);
  });

  it("handles the other scales the product supports", () => {
    expect(highestOverallGrade({ overallGrades: [F, P, "Credit", M, D] })).toBe(D);
    expect(highestOverallGrade({ overallGrades: [F, P, "Pass with excellence"] })).toBe("Pass with excellence");
    expect(highestOverallGrade({ overallGrades: [F, P, "Outstanding"] })).toBe("Outstanding");
    expect(isHighestGrade({ overallGrades: [F, P, "Outstanding"] }, P)).toBe(false);
  });

  it("throws on an empty scale", () => {
    expect(() => highestOverallGrade({ overallGrades: [] })).toThrow(/empty/);
  });
});

describe("ESFA grades", () => {
  it("lists exactly the grades ESFA accepts", () => {
    expect(ESFA_GRADES).toEqual(["Pass", "Credit", "Merit", "Distinction", "Pass with excellence", "Outstanding", "No grade awarded"]);
  });

  it.each(ESFA_GRADES.map((g) => [g]))("maps %s to itself", (g) => {
    expect(esfaGradeFor(g)).toBe(g);
  });

  it("never sends a Fail", () => {
    expect(esfaGradeFor("Fail")).toBeNull();
    expect(esfaGradeFor("fail")).toBeNull();
    expect(esfaGradeFor(" FAIL ")).toBeNull();
  });

  it("forgives case and spacing, returning ESFA's spelling", () => {
    expect(esfaGradeFor("distinction")).toBe("Distinction");
    expect(esfaGradeFor("  pass   with EXCELLENCE ")).toBe("Pass with excellence");
    expect(esfaGradeFor("no grade awarded")).toBe("No grade awarded");
  });

  it("returns null for grades ESFA does not know", () => {
    expect(esfaGradeFor("")).toBeNull();
    expect(esfaGradeFor("Excellent")).toBeNull();
    expect(esfaGradeFor("Pass with distinction")).toBeNull();
  });

  it("maps every non-Fail overall grade in the data", () => {
    for (const s of STANDARDS) {
      for (const g of s.overallGrades) expect(esfaGradeFor(g)).toBe(g === F ? null : g);
    }
  });
});

/** Runs a predicate over every status; the listed statuses must be allowed, the rest refused. */
function byStatus(allowed: ApprenticeStatus[], check: (status: ApprenticeStatus) => ReturnType<typeof canRecordComponentGrade>) {
  return APPRENTICE_STATUSES.map((status) => ({ status, result: check(status), allowed: allowed.includes(status) }));
}

describe("canSubmitGateway", () => {
  const checklist = [
    { item: "English and maths at level 2", mandatory: true, provided: true },
    { item: "Portfolio of evidence", mandatory: true, provided: true },
    { item: "Employer reference", mandatory: false, provided: false },
  ];

  it("allows an apprentice in training with every mandatory item provided (optional items may be missing)", () => {
    expect(canSubmitGateway({ status: "in_training" }, checklist)).toEqual({ ok: true });
  });

  it("allows an empty checklist", () => {
    expect(canSubmitGateway({ status: "in_training" }, [])).toEqual({ ok: true });
  });

  it("refuses while mandatory items are missing and names them, in checklist order", () => {
    const missing = checklist.map((c) => (c.mandatory ? { ...c, provided: false } : c));
    expect(canSubmitGateway({ status: "in_training" }, missing)).toEqual({
      ok: false,
      reason: "Provide the mandatory gateway evidence before submitting. Missing: English and maths at level 2, Portfolio of evidence.",
    });
    const one = [checklist[0]!, { ...checklist[1]!, provided: false }, checklist[2]!];
    expect(canSubmitGateway({ status: "in_training" }, one)).toEqual({
      ok: false,
      reason: "Provide the mandatory gateway evidence before submitting. Missing: Portfolio of evidence.",
    });
  });

  it("allows only in training", () => {
    for (const { status, result, allowed } of byStatus(["in_training"], (status) => canSubmitGateway({ status }, checklist))) {
      expect(result.ok, status).toBe(allowed);
    }
  });

  it.each([
    ["on_break", "Gateway can only be submitted for an apprentice in training: the apprentice is on a break in learning."],
    ["gateway", "Gateway has already been submitted for this apprentice."],
    ["epa", "Gateway can only be submitted for an apprentice in training: the apprentice is in end-point assessment."],
    ["graded", "Gateway can only be submitted for an apprentice in training: the overall grade has already been confirmed."],
    ["certificated", "Gateway can only be submitted for an apprentice in training: the apprentice has already been certificated."],
    ["withdrawn", "Gateway can only be submitted for an apprentice in training: the apprentice has been withdrawn."],
  ] as const)("refuses %s", (status, reason) => {
    expect(canSubmitGateway({ status }, checklist)).toEqual({ ok: false, reason });
  });

  it("checks the status before the checklist", () => {
    expect(canSubmitGateway({ status: "withdrawn" }, [{ item: "Portfolio", mandatory: true, provided: false }])).toEqual({
      ok: false,
      reason: "Gateway can only be submitted for an apprentice in training: the apprentice has been withdrawn.",
    });
  });
});

describe("canRecordComponentGrade", () => {
  it("allows only during end-point assessment", () => {
    for (const { status, result, allowed } of byStatus(["epa"], (status) => canRecordComponentGrade({ status }))) {
      expect(result.ok, status).toBe(allowed);
    }
  });

  it.each([
    ["in_training", "Component grades can only be recorded during end-point assessment: the apprentice is still in training."],
    ["on_break", "Component grades can only be recorded during end-point assessment: the apprentice is on a break in learning."],
    ["gateway", "Component grades can only be recorded during end-point assessment: the apprentice is at gateway and has not started end-point assessment."],
    ["graded", "Component grades cannot be changed: the overall grade has been confirmed and is locked. An EPAO admin must unlock it first."],
    ["certificated", "Component grades can only be recorded during end-point assessment: the apprentice has already been certificated."],
    ["withdrawn", "Component grades can only be recorded during end-point assessment: the apprentice has been withdrawn."],
  ] as const)("refuses %s", (status, reason) => {
    expect(canRecordComponentGrade({ status })).toEqual({ ok: false, reason });
  });
});

describe("canConfirmOverall", () => {
  const s = standard("ST0119");
  const derived = deriveOverallGrade(s, { PRJ: D, PD: P });

  it("allows a derived grade during end-point assessment, including a Fail", () => {
    expect(derived).toEqual({ status: "derived", overall: M, reason: "combination" });
    expect(canConfirmOverall({ status: "epa" }, derived)).toEqual({ ok: true });
    expect(canConfirmOverall({ status: "epa" }, deriveOverallGrade(s, { PRJ: F, PD: D }))).toEqual({ ok: true });
  });

  it("refuses an incomplete set of grades, naming the missing components", () => {
    expect(canConfirmOverall({ status: "epa" }, deriveOverallGrade(s, { PD: P }))).toEqual({
      ok: false,
      reason: "Record a grade for every component first. Missing: PRJ.",
    });
    expect(canConfirmOverall({ status: "epa" }, deriveOverallGrade(s, {}))).toEqual({
      ok: false,
      reason: "Record a grade for every component first. Missing: PRJ, PD.",
    });
  });

  it("refuses invalid grades, repeating the problems", () => {
    expect(canConfirmOverall({ status: "epa" }, deriveOverallGrade(s, { PRJ: M, PD: P }))).toEqual({
      ok: false,
      reason:
        'Correct the component grades first: "Merit" is not a grade for Project report with presentation, questions and answers (PRJ): choose Fail, Pass, Distinction.',
    });
  });

  it("allows only during end-point assessment", () => {
    for (const { status, result, allowed } of byStatus(["epa"], (status) => canConfirmOverall({ status }, derived))) {
      expect(result.ok, status).toBe(allowed);
    }
  });

  it.each([
    ["in_training", "the apprentice is still in training"],
    ["on_break", "the apprentice is on a break in learning"],
    ["gateway", "the apprentice is at gateway and has not started end-point assessment"],
    ["graded", "the overall grade has already been confirmed"],
    ["certificated", "the apprentice has already been certificated"],
    ["withdrawn", "the apprentice has been withdrawn"],
  ] as const)("refuses %s", (status, why) => {
    expect(canConfirmOverall({ status }, derived)).toEqual({
      ok: false,
      reason: `The overall grade can only be confirmed during end-point assessment: ${why}.`,
    });
  });
});

describe("canUnlock", () => {
  it("allows only an EPAO admin, only when the grade is locked", () => {
    for (const role of ROLES) {
      for (const locked of [true, false]) {
        expect(canUnlock({ role }, locked).ok, `${role} locked=${locked}`).toBe(role === "epao_admin" && locked);
      }
    }
  });

  it.each(ROLES.filter((r) => r !== "epao_admin").map((r) => [r]))("refuses %s", (role) => {
    expect(canUnlock({ role }, true)).toEqual({ ok: false, reason: "Only an EPAO admin can unlock a confirmed grade." });
  });

  it("refuses a grade that is not locked", () => {
    expect(canUnlock({ role: "epao_admin" }, false)).toEqual({ ok: false, reason: "The grade is not locked, so there is nothing to unlock." });
  });
});

describe("canRequestResit", () => {
  it("allows a confirmed Fail", () => {
    expect(canRequestResit({ status: "graded" }, F)).toEqual({ ok: true });
  });

  it.each([P, M, D, "Pass with excellence"])("refuses a confirmed %s", (grade) => {
    expect(canRequestResit({ status: "graded" }, grade)).toEqual({
      ok: false,
      reason: `A resit can only be requested after a Fail: the confirmed overall grade is ${grade}.`,
    });
  });

  it("refuses when no overall grade is recorded", () => {
    expect(canRequestResit({ status: "graded" }, null)).toEqual({
      ok: false,
      reason: "A resit can only be requested after a confirmed Fail: no overall grade has been confirmed.",
    });
  });

  it("allows only graded records", () => {
    for (const { status, result, allowed } of byStatus(["graded"], (status) => canRequestResit({ status }, F))) {
      expect(result.ok, status).toBe(allowed);
    }
  });

  it.each([
    ["in_training", "the apprentice is still in training"],
    ["on_break", "the apprentice is on a break in learning"],
    ["gateway", "the apprentice is at gateway and has not started end-point assessment"],
    ["epa", "the apprentice is in end-point assessment"],
    ["certificated", "the apprentice has already been certificated"],
    ["withdrawn", "the apprentice has been withdrawn"],
  ] as const)("refuses %s", (status, why) => {
    expect(canRequestResit({ status }, F)).toEqual({ ok: false, reason: `A resit can only be requested after a confirmed Fail: ${why}.` });
  });
});

// England and Wales bank holidays 2026–2027, copied from the GOV.UK list (fixtures/uk/bank-holidays.json).
const EW_2026_2027 = [
  "2026-01-01", // New Year's Day
  "2026-04-03", // Good Friday
  "2026-04-06", // Easter Monday
  "2026-05-04", // Early May bank holiday
  "2026-05-25", // Spring bank holiday
  "2026-08-31", // Summer bank holiday
  "2026-12-25", // Christmas Day (Friday)
  "2026-12-28", // Boxing Day, substitute day (26 December is a Saturday)
  "2027-01-01", // New Year's Day (Friday)
  "2027-03-26", // Good Friday
  "2027-03-29", // Easter Monday
  "2027-05-03", // Early May bank holiday
  "2027-05-31", // Spring bank holiday
];

describe("addWorkingDays", () => {
  it("works the brief's example: Friday 18 Dec 2026 + 5 with Christmas and the Boxing Day substitute -> Tuesday 29 Dec", () => {
    // Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), Fri 25 holiday, Sat 26, Sun 27, Mon 28 holiday, Tue 29 (5)
    expect(addWorkingDays("2026-12-18", 5, ["2026-12-25", "2026-12-28"])).toBe("2026-12-29");
    expect(addWorkingDays("2026-12-18", 5, EW_2026_2027)).toBe("2026-12-29");
  });

  it("without holidays the same count lands on Christmas Day", () => {
    expect(addWorkingDays("2026-12-18", 5, [])).toBe("2026-12-25");
  });

  it("skips weekends", () => {
    expect(addWorkingDays("2026-06-11", 1, [])).toBe("2026-06-12"); // Thu -> Fri
    expect(addWorkingDays("2026-06-11", 2, [])).toBe("2026-06-15"); // Thu -> Mon
    expect(addWorkingDays("2026-06-12", 1, [])).toBe("2026-06-15"); // Fri -> Mon
    expect(addWorkingDays("2026-06-12", 5, [])).toBe("2026-06-19"); // Fri -> Fri
    expect(addWorkingDays("2026-06-12", 10, [])).toBe("2026-06-26");
  });

  it("never counts the start date, even when it is a weekend or holiday; 0 days returns it unchanged", () => {
    expect(addWorkingDays("2026-12-19", 1, [])).toBe("2026-12-21"); // Sat -> Mon
    expect(addWorkingDays("2026-12-20", 1, [])).toBe("2026-12-21"); // Sun -> Mon
    expect(addWorkingDays("2026-12-25", 1, EW_2026_2027)).toBe("2026-12-29"); // Christmas Day -> Tue 29
    expect(addWorkingDays("2026-12-19", 0, [])).toBe("2026-12-19");
    expect(addWorkingDays("2026-12-25", 0, EW_2026_2027)).toBe("2026-12-25");
  });

  it("crosses Christmas and New Year 2026–27 with the England and Wales list", () => {
    expect(addWorkingDays("2026-12-24", 1, EW_2026_2027)).toBe("2026-12-29"); // Thu 24 -> Tue 29
    expect(addWorkingDays("2026-12-23", 7, EW_2026_2027)).toBe("2027-01-06"); // 24, 29, 30, 31, 4, 5, 6
    expect(addWorkingDays("2026-12-31", 1, EW_2026_2027)).toBe("2027-01-04"); // Thu 31 -> Mon 4 (Fri 1 Jan is a holiday)
    // 20 working days (the default appeal period): 11, 14–18, 21–24, 29–31, 4–8 Jan, 11, 12 Jan
    expect(addWorkingDays("2026-12-10", 20, EW_2026_2027)).toBe("2027-01-12");
    // 21–24 Dec, 29–31 Dec, 4–8 Jan, 11–15 Jan, 18–20 Jan
    expect(addWorkingDays("2026-12-18", 20, EW_2026_2027)).toBe("2027-01-20");
    expect(addWorkingDays("2026-12-18", 20, [])).toBe("2027-01-15");
  });

  it("skips other bank holidays (summer bank holiday, Easter 2027)", () => {
    expect(addWorkingDays("2026-08-28", 1, EW_2026_2027)).toBe("2026-09-01"); // Fri -> Tue (Mon 31 Aug)
    expect(addWorkingDays("2027-03-25", 1, EW_2026_2027)).toBe("2027-03-30"); // Thu -> Tue (Good Friday, Easter Monday)
  });

  it("ignores holidays on weekends, duplicates and the order of the list", () => {
    expect(addWorkingDays("2026-12-24", 1, ["2026-12-26", "2026-12-27"])).toBe("2026-12-25");
    expect(addWorkingDays("2026-12-18", 5, ["2026-12-28", "2026-12-25", "2026-12-28"])).toBe("2026-12-29");
  });

  it("handles month ends and leap years", () => {
    expect(addWorkingDays("2028-02-28", 2, [])).toBe("2028-03-01"); // Mon 28 Feb -> Tue 29 Feb -> Wed 1 Mar
    expect(addWorkingDays("2027-02-26", 1, [])).toBe("2027-03-01"); // Fri -> Mon
  });

  it("rejects malformed dates and counts", () => {
    expect(() => addWorkingDays("2026-02-30", 1, [])).toThrow(RangeError);
    expect(() => addWorkingDays("18/12/2026", 1, [])).toThrow(RangeError);
    expect(() => addWorkingDays("2026-12-18T00:00:00Z", 1, [])).toThrow(RangeError);
    expect(() => addWorkingDays("2026-12-18", 1, ["2026-13-01"])).toThrow(RangeError);
    expect(() => addWorkingDays("2026-12-18", -1, [])).toThrow(RangeError);
    expect(() => addWorkingDays("2026-12-18", 1.5, [])).toThrow(RangeError);
    expect(() => addWorkingDays("2026-12-18", Number.NaN, [])).toThrow(RangeError);
  });
});

describe("isWorkingDay", () => {
  it("knows weekends and holidays", () => {
    expect(isWorkingDay("2026-12-24", EW_2026_2027)).toBe(true);
    expect(isWorkingDay("2026-12-25", EW_2026_2027)).toBe(false);
    expect(isWorkingDay("2026-12-26", EW_2026_2027)).toBe(false);
    expect(isWorkingDay("2026-12-27", EW_2026_2027)).toBe(false);
    expect(isWorkingDay("2026-12-28", EW_2026_2027)).toBe(false);
    expect(isWorkingDay("2026-12-28", [])).toBe(true);
    expect(isWorkingDay("2027-01-01", EW_2026_2027)).toBe(false);
  });
});

describe("canLodgeAppeal", () => {
  // Confirmed Friday 18 December 2026; 20 working days with the England and Wales list -> Wednesday 20 January 2027.
  const window = (today: string, windowWorkingDays = 20) => ({ confirmedAt: "2026-12-18", today, windowWorkingDays, holidays: EW_2026_2027 });

  it.each(["graded", "certificated"] as const)("allows a %s record from confirmation to the last day of the window", (status) => {
    for (const today of ["2026-12-18", "2026-12-25", "2027-01-04", "2027-01-19", "2027-01-20"]) {
      expect(canLodgeAppeal({ status }, window(today)), today).toEqual({ ok: true });
    }
  });

  it("refuses the day after the window closes, giving the closing date", () => {
    expect(canLodgeAppeal({ status: "graded" }, window("2027-01-21"))).toEqual({
      ok: false,
      reason: "The appeal window closed on 20 January 2027 (20 working days after the grade was confirmed on 18 December 2026).",
    });
  });

  it("counts the holidays: without them the window would have closed on 15 January", () => {
    expect(canLodgeAppeal({ status: "graded" }, { ...window("2027-01-18"), holidays: [] }).ok).toBe(false);
    expect(canLodgeAppeal({ status: "graded" }, window("2027-01-18")).ok).toBe(true);
  });

  it("uses the configured window length (the older article's 21 days, the brief's 5-day example)", () => {
    expect(canLodgeAppeal({ status: "graded" }, window("2027-01-21", 21))).toEqual({ ok: true });
    expect(canLodgeAppeal({ status: "graded" }, window("2026-12-29", 5))).toEqual({ ok: true });
    expect(canLodgeAppeal({ status: "graded" }, window("2026-12-30", 5))).toEqual({
      ok: false,
      reason: "The appeal window closed on 29 December 2026 (5 working days after the grade was confirmed on 18 December 2026).",
    });
    expect(canLodgeAppeal({ status: "graded" }, window("2026-12-21", 1))).toEqual({ ok: true });
    expect(canLodgeAppeal({ status: "graded" }, window("2026-12-22", 1))).toEqual({
      ok: false,
      reason: "The appeal window closed on 21 December 2026 (1 working day after the grade was confirmed on 18 December 2026).",
    });
  });

  it("refuses a date before the grade was confirmed", () => {
    expect(canLodgeAppeal({ status: "graded" }, window("2026-12-17"))).toEqual({
      ok: false,
      reason: "An appeal cannot be lodged before the grade was confirmed on 18 December 2026.",
    });
  });

  it("allows only graded and certificated records", () => {
    for (const { status, result, allowed } of byStatus(["graded", "certificated"], (status) => canLodgeAppeal({ status }, window("2027-01-04")))) {
      expect(result.ok, status).toBe(allowed);
    }
  });

  it.each([
    ["in_training", "the apprentice is still in training"],
    ["on_break", "the apprentice is on a break in learning"],
    ["gateway", "the apprentice is at gateway and has not started end-point assessment"],
    ["epa", "the overall grade has not been confirmed yet"],
    ["withdrawn", "the apprentice has been withdrawn"],
  ] as const)("refuses %s", (status, why) => {
    expect(canLodgeAppeal({ status }, window("2027-01-04"))).toEqual({ ok: false, reason: `An appeal can only be lodged against a confirmed grade: ${why}.` });
  });

  it("rejects malformed dates", () => {
    expect(() => canLodgeAppeal({ status: "graded" }, window("4 January 2027"))).toThrow(RangeError);
  });
});
