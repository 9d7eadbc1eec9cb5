import { beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { createApplication, createLeadProvider, createParticipant, createStatements } from "@/tests/support/npq";
import { leadProviderDashboard } from "./dashboard";

let lp: Awaited<ReturnType<typeof createLeadProvider>>;
let other: Awaited<ReturnType<typeof createLeadProvider>>;
beforeAll(async () => {
  [lp, other] = await Promise.all([createLeadProvider(), createLeadProvider()]);
  const people = await Promise.all([createParticipant(), createParticipant(), createParticipant()]);
  await createApplication(lp.org.id, people[0]!.id);
  await createApplication(lp.org.id, people[1]!.id, { status: "rejected" });
  await createApplication(other.org.id, people[2]!.id);
  await createStatements(lp.org.id, 2024, [
    { year: 2024, month: 11 },
    { year: 2024, month: 12 },
  ]);
});

describe("leadProviderDashboard", () => {
  it("counts only the lead provider's own applications and finds the next open statement", async () => {
    const data = await leadProviderDashboard(lp.admin, "2024-11-15");
    expect(data.applications).toMatchObject({ pending: 1, accepted: 0, rejected: 1 });
    expect(data.nextStatement).toMatchObject({ year: 2024, month: 11, deadlineDate: "2024-11-30" });
    expect((await leadProviderDashboard(lp.admin, "2024-12-01")).nextStatement).toMatchObject({ month: 12 });
    expect((await leadProviderDashboard(other.admin, "2024-11-15")).applications).toMatchObject({ pending: 1, rejected: 0 });
  });

  it("is refused to users of other kinds of organisation", async () => {
    const epao = await createUser(await createOrganisation("epao"), "epao_admin");
    await expect(leadProviderDashboard(epao)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
