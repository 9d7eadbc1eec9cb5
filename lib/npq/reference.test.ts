import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ensureReferenceData } from "@/tests/support/npq";
import { defaultSchedule, scheduleTypeFor } from "./reference";

beforeAll(async () => {
  await ensureReferenceData();
});

describe("NPQ reference data", () => {
  it("assigns the schedule whose start has most recently passed", async () => {
    expect((await defaultSchedule(db(), "npq-headship", 2024, "2024-11-01"))?.identifier).toBe("npq-leadership-autumn");
    expect((await defaultSchedule(db(), "npq-headship", 2024, "2025-02-01"))?.identifier).toBe("npq-leadership-spring");
    expect((await defaultSchedule(db(), "npq-senco", 2024, "2024-11-01"))?.identifier).toBe("npq-specialist-autumn");
    expect(scheduleTypeFor("npq-early-headship-coaching-offer")).toBe("npq_ehco");
  });
});
