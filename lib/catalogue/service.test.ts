import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assessmentComponents } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { formatCombinations, formatComponents, parseCombinations, parseComponents, standardFormSchema } from "./schema";
import { createStandard, getStandardForEdit, updateStandard } from "./service";

let admin: UserActor;
let epaoAdmin: UserActor;
beforeAll(async () => {
  admin = await createUser(await createOrganisation("platform"), "platform_admin");
  epaoAdmin = await createUser(await createOrganisation("epao"), "epao_admin");
});

function form(overrides: Record<string, string> = {}) {
  const n = crypto.randomInt(0, 10_000);
  return {
    reference: `st${String(n).padStart(4, "0")}`,
    larsCode: String(800_000 + crypto.randomInt(0, 9_000_000)),
    title: "Widget engineer",
    level: "4",
    versions: "1.0, 1.1",
    options: "Mechanical\nElectrical",
    overallGrades: "Fail, Pass, Merit, Distinction",
    components: "PRJ | Project with report | Fail, Pass, Distinction\nPD | Professional discussion | Fail, Pass, Distinction",
    combinations: "PRJ=Distinction, PD=Pass => Merit\nPRJ=Pass, PD=Distinction => Merit",
    fallback: "Pass",
    ...overrides,
  };
}
const errorsOf = (p: Promise<unknown>) =>
  p.then(
    () => ({}),
    (e: unknown) => (e instanceof ValidationError ? e.fieldErrors : { thrown: String(e) }),
  );

describe("standard form parsing", () => {
  it("round-trips components and combinations through their text form", () => {
    const text = "PRJ | Project | Fail, Pass, Distinction\nPD | Discussion | Fail, Pass";
    expect(formatComponents(parseComponents(text).components)).toBe(text);
    const combos = "PRJ=Distinction, PD=Pass => Merit";
    expect(formatCombinations(parseCombinations(combos).combinations)).toBe(combos);
  });

  it("explains every malformed field", () => {
    const result = standardFormSchema.safeParse(
      form({
        reference: "X1",
        versions: "one",
        overallGrades: "Pass, Merit",
        components: "PRJ only",
        combinations: "nonsense",
        fallback: "Gold",
        larsCode: "abc",
      }),
    );
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField).toMatchObject({
      reference: "Enter the reference in the format ST0123",
      larsCode: "Enter the LARS code as a whole number",
    });
    const second = standardFormSchema.safeParse(
      form({ versions: "one", overallGrades: "Pass, Merit", components: "PRJ only", combinations: "nonsense", fallback: "Gold" }),
    );
    expect(Object.fromEntries(second.error!.issues.map((i) => [String(i.path[0]), i.message]))).toEqual({
      versions: "Versions must look like 1.0 or 1.2",
      overallGrades: "List the overall grades from lowest to highest, starting with Fail",
      components: "Component line 1: write it as CODE | Name | Fail, Pass, …",
      combinations: "Combination line 1: write it as CODE=Grade, CODE=Grade => Overall",
      fallback: "Select the overall grade when no combination matches",
    });
    const third = standardFormSchema.safeParse(form({ combinations: "XX=Pass => Merit\nPRJ=Gold => Merit\nPRJ=Pass => Platinum" }));
    expect(third.error!.issues.map((i) => i.message)).toEqual([
      "Unknown component XX in a combination",
      "Gold is not a grade of PRJ",
      "Platinum is not an overall grade",
    ]);
  });
});

describe("catalogue service", () => {
  it("a platform admin adds a standard with its components and grading rule", async () => {
    const input = form();
    const created = await createStandard(admin, input);
    expect(created).toMatchObject({
      reference: input.reference.toUpperCase(),
      level: 4,
      versions: ["1.0", "1.1"],
      options: ["Mechanical", "Electrical"],
      overallGrades: ["Fail", "Pass", "Merit", "Distinction"],
    });
    expect(created.gradingRule).toEqual({
      combinations: [
        { when: { PRJ: "Distinction", PD: "Pass" }, overall: "Merit" },
        { when: { PRJ: "Pass", PD: "Distinction" }, overall: "Merit" },
      ],
      fallback: "Pass",
    });
    const loaded = await getStandardForEdit(admin, created.id);
    expect(loaded.components.map((c) => [c.code, c.position])).toEqual([
      ["PRJ", 0],
      ["PD", 1],
    ]);
    expect(await errorsOf(createStandard(admin, { ...form(), reference: input.reference, larsCode: input.larsCode }))).toEqual({
      reference: `${input.reference.toUpperCase()} is already in the catalogue`,
      larsCode: `LARS code ${input.larsCode} is already used by another standard`,
    });
  });

  it("edits a standard, replacing its components, and refuses a stale form", async () => {
    const created = await createStandard(admin, form());
    const edit = {
      ...form({
        reference: created.reference,
        larsCode: String(created.larsCode),
        components: "KT | Knowledge test | Fail, Pass",
        combinations: "",
        overallGrades: "Fail, Pass",
      }),
      id: created.id,
      updatedAt: created.updatedAt.toISOString(),
    };
    const updated = await updateStandard(admin, edit);
    expect(updated.overallGrades).toEqual(["Fail", "Pass"]);
    const components = await db().select().from(assessmentComponents).where(eq(assessmentComponents.standardId, created.id));
    expect(components.map((c) => c.code)).toEqual(["KT"]);
    await expect(updateStandard(admin, { ...edit, title: "Stale" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("is refused to everyone but platform admins", async () => {
    await expect(createStandard(epaoAdmin, form())).rejects.toBeInstanceOf(ForbiddenError);
    const created = await createStandard(admin, form());
    await expect(updateStandard(epaoAdmin, { ...form(), id: created.id, updatedAt: created.updatedAt.toISOString() })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getStandardForEdit(epaoAdmin, created.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
