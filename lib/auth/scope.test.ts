import { describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { ROLES } from "@/lib/domain";
import { can } from "./policy";
import { assertOwnOrganisation, visibleTo } from "./scope";

describe("scope", () => {
  it("reports another organisation's things as not found", () => {
    expect(() => assertOwnOrganisation({ organisationId: "a" }, "b")).toThrow(NotFoundError);
    expect(() => assertOwnOrganisation({ organisationId: "a" }, null)).toThrow(NotFoundError);
    expect(() => assertOwnOrganisation({ organisationId: "a" }, "a")).not.toThrow();
  });

  for (const role of ROLES) {
    const reads = can({ role }, "apprentices.read");
    it(`${role} ${reads ? "sees" : "is refused"} apprentice records`, () => {
      const actor = { kind: "user", userId: "u", role, organisationId: "o", organisationType: "epao", organisationName: "O", name: "N", email: "e" } as const;
      if (reads) expect(visibleTo(actor)).toBeDefined();
      else expect(() => visibleTo(actor)).toThrow(ForbiddenError);
    });
  }
});
