import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifySignIn } from "@/lib/session/sign-in";
import { ROLES } from "@/lib/domain";
import { db } from "@/lib/db";
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, demoSignIns, seed } from "./demo";
import { assessmentComponents, standards, users } from "../db/schema";
import { STANDARDS } from "../db/data/standards";

describe("seed", () => {
  it("creates the demo world and is idempotent", async () => {
    await seed(db());
    const emails = demoSignIns().map((s) => s.email);
    const count = async () => {
      const [u] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(inArray(users.email, emails));
      const [s] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(standards)
        .where(
          inArray(
            standards.reference,
            STANDARDS.map((x) => x.reference),
          ),
        );
      const [c] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(assessmentComponents);
      return { users: u!.n, standards: s!.n, components: c!.n };
    };
    const first = await count();
    await seed(db());
    expect(await count()).toEqual(first);
    expect(first.users).toBe(emails.length);
    expect(first.standards).toBe(STANDARDS.length);
  });

  it("has at least 2 EPAOs, 3 training providers, 2 lead providers, the platform operator, every role and 8 standards", () => {
    const byType = (t: string) => DEMO_ORGANISATIONS.filter((o) => o.type === t).length;
    expect(byType("epao")).toBeGreaterThanOrEqual(2);
    expect(byType("training_provider")).toBeGreaterThanOrEqual(3);
    expect(byType("lead_provider")).toBeGreaterThanOrEqual(2);
    expect(byType("platform")).toBe(1);
    expect(new Set(demoSignIns().map((s) => s.role))).toEqual(new Set(ROLES));
    expect(STANDARDS.length).toBeGreaterThanOrEqual(8);
  });

  it("demo users sign in with the documented password", async () => {
    await seed(db());
    const first = demoSignIns()[1]!;
    const actor = await verifySignIn(first.email, DEMO_PASSWORD, `seed-test-${crypto.randomUUID()}`);
    expect(actor.role).toBe(first.role);
  });
});
