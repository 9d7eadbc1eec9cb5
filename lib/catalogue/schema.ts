import { z } from "zod";

/**
 * The platform admin's standard form. Lists are typed as text (one item per line, or comma-separated) so a
 * whole assessment plan can be entered or pasted in one go; the same parser runs in the browser and on the server.
 */

const splitList = (value: string) =>
  value
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter(Boolean);

const lines = (value: string) =>
  value
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

export type ComponentInput = { code: string; name: string; grades: string[] };
export type CombinationInput = { when: Record<string, string>; overall: string };

/** "PRJ | Project with report | Fail, Pass, Distinction" per line. */
export function parseComponents(text: string): { components: ComponentInput[]; errors: string[] } {
  const components: ComponentInput[] = [];
  const errors: string[] = [];
  lines(text).forEach((line, i) => {
    const parts = line.split("|").map((p) => p.trim());
    if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) {
      errors.push(`Component line ${i + 1}: write it as CODE | Name | Fail, Pass, …`);
      return;
    }
    components.push({ code: parts[0].toUpperCase(), name: parts[1], grades: splitList(parts[2]) });
  });
  return { components, errors };
}

/** "PRJ=Distinction, PD=Pass => Merit" per line. */
export function parseCombinations(text: string): { combinations: CombinationInput[]; errors: string[] } {
  const combinations: CombinationInput[] = [];
  const errors: string[] = [];
  lines(text).forEach((line, i) => {
    const [left, overall] = line.split("=>").map((p) => p.trim());
    const when: Record<string, string> = {};
    let ok = Boolean(left && overall);
    for (const pair of splitList(left ?? "")) {
      const [code, grade] = pair.split("=").map((p) => p.trim());
      if (!code || !grade) ok = false;
      else when[code.toUpperCase()] = grade;
    }
    if (!ok || Object.keys(when).length === 0) errors.push(`Combination line ${i + 1}: write it as CODE=Grade, CODE=Grade => Overall`);
    else combinations.push({ when, overall: overall! });
  });
  return { combinations, errors };
}

export function formatComponents(components: ComponentInput[]): string {
  return components.map((c) => `${c.code} | ${c.name} | ${c.grades.join(", ")}`).join("\n");
}

export function formatCombinations(combinations: CombinationInput[]): string {
  return combinations
    .map(
      (c) =>
        `${Object.entries(c.when)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")} => ${c.overall}`,
    )
    .join("\n");
}

export const standardFormSchema = z
  .object({
    reference: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^ST\d{4}$/, { error: "Enter the reference in the format ST0123" }),
    larsCode: z.coerce
      .number({ error: "Enter the LARS code as a whole number" })
      .int({ error: "Enter the LARS code as a whole number" })
      .min(1, { error: "Enter the LARS code as a whole number" }),
    title: z.string().trim().min(1, { error: "Enter the title" }).max(200, { error: "The title must be 200 characters or fewer" }),
    level: z.coerce.number({ error: "Select the level" }).int().min(1, { error: "Select the level" }).max(8, { error: "Select the level" }),
    versions: z.string(),
    options: z.string(),
    overallGrades: z.string(),
    components: z.string(),
    combinations: z.string(),
    fallback: z.string().trim(),
  })
  .transform((v, ctx) => {
    const versions = splitList(v.versions);
    const options = lines(v.options);
    const overallGrades = splitList(v.overallGrades);
    const parsedComponents = parseComponents(v.components);
    const parsedCombinations = parseCombinations(v.combinations);
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });

    if (versions.length === 0) issue("versions", "Enter at least one version, like 1.0");
    else if (versions.some((x) => !/^\d+\.\d+$/.test(x))) issue("versions", "Versions must look like 1.0 or 1.2");
    else if (new Set(versions).size !== versions.length) issue("versions", "Each version must appear once");

    if (overallGrades.length < 2 || overallGrades[0] !== "Fail") issue("overallGrades", "List the overall grades from lowest to highest, starting with Fail");
    else if (new Set(overallGrades).size !== overallGrades.length) issue("overallGrades", "Each grade must appear once");

    if (parsedComponents.errors.length) issue("components", parsedComponents.errors[0]!);
    else if (parsedComponents.components.length === 0) issue("components", "Enter at least one assessment component");
    else {
      const codes = parsedComponents.components.map((c) => c.code);
      if (new Set(codes).size !== codes.length) issue("components", "Each component code must be different");
      const bad = parsedComponents.components.find((c) => c.grades.length < 2 || c.grades[0] !== "Fail" || new Set(c.grades).size !== c.grades.length);
      if (bad) issue("components", `${bad.code}: list its grades from lowest to highest, starting with Fail, each once`);
    }

    if (parsedCombinations.errors.length) issue("combinations", parsedCombinations.errors[0]!);
    else {
      for (const row of parsedCombinations.combinations) {
        for (const [code, grade] of Object.entries(row.when)) {
          const component = parsedComponents.components.find((c) => c.code === code);
          if (!component) issue("combinations", `Unknown component ${code} in a combination`);
          else if (!component.grades.includes(grade)) issue("combinations", `${grade} is not a grade of ${code}`);
        }
        if (!overallGrades.includes(row.overall)) issue("combinations", `${row.overall} is not an overall grade`);
      }
    }
    if (!overallGrades.includes(v.fallback) || v.fallback === "Fail") issue("fallback", "Select the overall grade when no combination matches");

    return {
      reference: v.reference,
      larsCode: v.larsCode,
      title: v.title,
      level: v.level,
      versions,
      options,
      overallGrades,
      components: parsedComponents.components,
      gradingRule: { combinations: parsedCombinations.combinations, fallback: v.fallback },
    };
  });

export type StandardFormInput = z.input<typeof standardFormSchema>;
export type StandardData = z.output<typeof standardFormSchema>;
