import { describe, it, expect } from "vitest";
import { STANDARDS, type StandardSeed } from "./standards";

// Local reading of the documented rule, used only to check the data is internally consistent:
// any component Fail -> Fail; all components at their top grade -> top overall grade;
// otherwise the first matching combination row; else the fallback.
function derive(standard: StandardSeed, grades: Record<string, string>): string {
  const { components, overallGrades, gradingRule } = standard;
  if (components.some((c) => grades[c.code] === "Fail")) return "Fail";
  if (components.every((c) => grades[c.code] === c.grades[c.grades.length - 1])) {
    return overallGrades[overallGrades.length - 1] as string;
  }
  const row = gradingRule.combinations.find((r) => Object.entries(r.when).every(([code, grade]) => grades[code] === grade));
  return row ? row.overall : gradingRule.fallback;
}

// Every combination of component grades (cartesian product).
function allGradeCombos(standard: StandardSeed): Record<string, string>[] {
  return standard.components.reduce<Record<string, string>[]>((acc, c) => acc.flatMap((combo) => c.grades.map((g) => ({ ...combo, [c.code]: g }))), [{}]);
}

function expectScale(scale: string[]) {
  expect(scale.length).toBeGreaterThan(1);
  expect(scale[0]).toBe("Fail");
  expect(new Set(scale).size).toBe(scale.length);
  for (const g of scale) expect(g.trim()).toBe(g);
}

describe("STANDARDS seed data", () => {
  it("has at least 10 standards", () => {
    expect(STANDARDS.length).toBeGreaterThanOrEqual(10);
  });

  it("has unique references and LARS codes", () => {
    const refs = STANDARDS.map((s) => s.reference);
    const lars = STANDARDS.map((s) => s.larsCode);
    expect(new Set(refs).size).toBe(refs.length);
    expect(new Set(lars).size).toBe(lars.length);
  });

  it("covers the overall grade scales the product must support", () => {
    const scales = new Set(STANDARDS.map((s) => s.overallGrades.join("/")));
    expect(scales).toContain("Fail/Pass/Merit/Distinction");
    expect(scales).toContain("Fail/Pass/Distinction");
    expect(STANDARDS.some((s) => s.components.every((c) => c.grades.join("/") === "Fail/Pass"))).toBe(true);
  });

  describe.each(STANDARDS.map((s) => [s.reference, s] as const))("%s", (_ref, s) => {
    it("has a well-formed reference, LARS code, title and level", () => {
      expect(s.reference).toMatch(/^ST\d{4}$/);
      expect(Number.isInteger(s.larsCode)).toBe(true);
      expect(s.larsCode).toBeGreaterThan(0);
      expect(s.title.trim().length).toBeGreaterThan(0);
      expect(Number.isInteger(s.level)).toBe(true);
      expect(s.level).toBeGreaterThanOrEqual(2);
      expect(s.level).toBeLessThanOrEqual(7);
    });

    it("has non-empty, unique, well-formed, ascending versions", () => {
      expect(s.versions.length).toBeGreaterThan(0);
      for (const v of s.versions) expect(v).toMatch(/^\d+\.\d+$/);
      expect(new Set(s.versions).size).toBe(s.versions.length);
      const asNumbers = s.versions.map((v) => v.split(".").map(Number) as [number, number]);
      for (let i = 1; i < asNumbers.length; i++) {
        const [prevMajor, prevMinor] = asNumbers[i - 1]!;
        const [major, minor] = asNumbers[i]!;
        expect(major > prevMajor || (major === prevMajor && minor > prevMinor)).toBe(true);
      }
    });

    it("has unique, non-empty options", () => {
      expect(new Set(s.options).size).toBe(s.options.length);
      for (const o of s.options) expect(o.trim().length).toBeGreaterThan(0);
    });

    it("has an overall scale starting with Fail and no duplicates", () => {
      expectScale(s.overallGrades);
    });

    it("has components with unique codes and scales starting with Fail", () => {
      expect(s.components.length).toBeGreaterThan(0);
      const codes = s.components.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of s.components) {
        expect(c.code).toMatch(/^[A-Z][A-Z0-9]{0,5}$/);
        expect(c.name.trim().length).toBeGreaterThan(0);
        expectScale(c.grades);
      }
    });

    it("has combination rows that reference existing components, grades and overall grades", () => {
      const byCode = new Map(s.components.map((c) => [c.code, c]));
      for (const row of s.gradingRule.combinations) {
        expect(Object.keys(row.when).length).toBeGreaterThan(0);
        for (const [code, grade] of Object.entries(row.when)) {
          const component = byCode.get(code);
          expect(component, `unknown component ${code}`).toBeDefined();
          expect(component!.grades).toContain(grade);
          expect(grade).not.toBe("Fail"); // Fail is handled by the generic rule
        }
        expect(s.overallGrades).toContain(row.overall);
        expect(row.overall).not.toBe("Fail");
      }
    });

    it("has a fallback that is an overall grade above Fail", () => {
      expect(s.overallGrades).toContain(s.gradingRule.fallback);
      expect(s.gradingRule.fallback).not.toBe("Fail");
    });

    it("derives a valid grade for every combination, consistently with the generic rule", () => {
      const top = s.overallGrades[s.overallGrades.length - 1];
      for (const combo of allGradeCombos(s)) {
        const overall = derive(s, combo);
        expect(s.overallGrades).toContain(overall);
        const anyFail = Object.values(combo).includes("Fail");
        expect(overall === "Fail").toBe(anyFail);
      }
      // A row whose grades are all top grades must not contradict the "all top -> top" rule.
      for (const row of s.gradingRule.combinations) {
        const allTop = s.components.every((c) => row.when[c.code] === c.grades[c.grades.length - 1]);
        if (allTop) expect(row.overall).toBe(top);
      }
    });

    it("never lowers the overall grade when a component grade improves", () => {
      const rank = (g: string) => s.overallGrades.indexOf(g);
      for (const combo of allGradeCombos(s)) {
        const base = rank(derive(s, combo));
        for (const c of s.components) {
          const i = c.grades.indexOf(combo[c.code]!);
          const better = c.grades[i + 1];
          if (better === undefined) continue;
          expect(rank(derive(s, { ...combo, [c.code]: better }))).toBeGreaterThanOrEqual(base);
        }
      }
    });
  });

  // Spot checks against the overall grading tables quoted from published EPA plans.
  it("matches published combination tables", () => {
    const get = (ref: string) => STANDARDS.find((s) => s.reference === ref)!;
    // Digital and technology solutions professional v1.2: pass + distinction = merit
    expect(derive(get("ST0119"), { PRJ: "Pass", PD: "Distinction" })).toBe("Merit");
    expect(derive(get("ST0119"), { PRJ: "Distinction", PD: "Distinction" })).toBe("Distinction");
    // Senior leader (AP03): pass + distinction = pass
    expect(derive(get("ST0480"), { SBP: "Distinction", PD: "Pass" })).toBe("Pass");
    // Digital and technology solutions specialist
    expect(derive(get("ST0482"), { PRJ: "Pass", PD: "Distinction" })).toBe("Pass");
    expect(derive(get("ST0482"), { PRJ: "Distinction", PD: "Pass" })).toBe("Merit");
    expect(derive(get("ST0482"), { PRJ: "Distinction", PD: "Merit" })).toBe("Distinction");
    // Pass-only standard
    expect(derive(get("ST0152"), { PRAC: "Pass", AAK: "Pass" })).toBe("Pass");
    expect(derive(get("ST0152"), { PRAC: "Pass", AAK: "Fail" })).toBe("Fail");
  });
});
