import { describe, expect, it } from "vitest";
import { ApiValidationError } from "@/lib/api/http";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { problemsOf } from "./portal-errors";

describe("problemsOf", () => {
  it("gives every DfE message of a refused row", () => {
    const error = new ApiValidationError([
      { title: "application", detail: "Once rejected an application cannot change state" },
      { title: "schedule", detail: "Schedule cannot be determined" },
    ]);
    expect(problemsOf(error)).toEqual(["Once rejected an application cannot change state", "Schedule cannot be determined"]);
    expect(problemsOf(new NotFoundError())).toEqual(["This application cannot be found."]);
    expect(problemsOf(new ValidationError({ ids: "Select at least one application" }))).toEqual(["Select at least one application"]);
    expect(() => problemsOf(new TypeError("boom"))).toThrow("boom");
  });
});
