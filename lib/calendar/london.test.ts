import { afterEach, describe, expect, it, vi } from "vitest";
import { requestEvidence } from "@/lib/assessment/evidence-requests";
import type { UserActor } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";
import { londonDate, londonToday } from "./london";

const SUMMER_NIGHT = new Date("2026-07-01T23:30:00Z"); // 00:30 on 2 July in London (BST)
const WINTER_NIGHT = new Date("2026-01-14T23:30:00Z"); // 23:30 on 14 January in London (GMT)

describe("today in London", () => {
  afterEach(() => vi.useRealTimers());

  it("is the London calendar date, not the UTC one", () => {
    expect(londonToday(SUMMER_NIGHT)).toBe("2026-07-02");
    expect(londonToday(WINTER_NIGHT)).toBe("2026-01-14");
    expect(londonToday(SUMMER_NIGHT)).toBe(londonDate(SUMMER_NIGHT));
  });

  it("is what services mean by today: after 23:00 UTC in summer a due date of the UTC day is already past", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: SUMMER_NIGHT });
    const epaoStaff = {
      kind: "user",
      userId: crypto.randomUUID(),
      organisationId: crypto.randomUUID(),
      organisationType: "epao",
      role: "epao_staff",
    } as UserActor;
    const input = { apprenticeId: crypto.randomUUID(), message: "Please send the signed witness statement", dueDate: "2026-07-01" };
    const error = await requestEvidence(epaoStaff, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ dueDate: "The due date must be today or in the future" });
  });
});
