import { describe, expect, it } from "vitest";
import { ApiValidationError, BadRequestError } from "@/lib/dfe/http";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { problemsOf, toPortalError } from "./portal-errors";

describe("toPortalError", () => {
  it("puts DfE's messages on the form's fields by attribute and keeps the others under their DfE title", () => {
    const error = new ApiValidationError([
      { title: "declaration_date", detail: "The '#/declaration_date' value cannot be a future date. Check the date and try again." },
      { title: "base", detail: "A declaration has already been submitted that will be, or has been, paid for this event" },
    ]);
    expect(toPortalError(error, { declaration_date: "declarationDate" })).toEqual({
      ok: false,
      status: 422,
      message: "The '#/declaration_date' value cannot be a future date. Check the date and try again.",
      fieldErrors: {
        declarationDate: "The '#/declaration_date' value cannot be a future date. Check the date and try again.",
        base: "A declaration has already been submitted that will be, or has been, paid for this event",
      },
    });
  });

  it("joins several messages about the same field", () => {
    const error = new ApiValidationError([
      { title: "application", detail: "This NPQ application has already been accepted" },
      { title: "application", detail: "The participant has already had an application accepted for this course." },
    ]);
    expect(toPortalError(error).fieldErrors).toEqual({
      application: "This NPQ application has already been accepted The participant has already had an application accepted for this course.",
    });
  });

  it("answers bad requests, portal validation, not found, forbidden and conflicts as other actions do", () => {
    expect(toPortalError(new BadRequestError("correct json data structure required. See API docs for reference"))).toMatchObject({
      status: 400,
      fieldErrors: {},
    });
    expect(toPortalError(new ValidationError({ reason: "Select the reason for the deferral" }))).toMatchObject({
      status: 422,
      fieldErrors: { reason: "Select the reason for the deferral" },
    });
    expect(toPortalError(new NotFoundError())).toMatchObject({ status: 404 });
    expect(toPortalError(new ForbiddenError())).toMatchObject({ status: 403 });
    expect(toPortalError(new ConflictError())).toMatchObject({ status: 409 });
  });

  it("re-throws errors that are not the services' answers", () => {
    expect(() => toPortalError(new Error("connection lost"))).toThrow("connection lost");
  });
});

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
