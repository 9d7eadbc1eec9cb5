import { describe, expect, it } from "vitest";
import { ApiValidationError, BadRequestError } from "@/lib/api/http";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { BodyTooLargeError } from "@/lib/http/body";
import { toActionError, toApiResponse, toRouteProblem, toRouteResponse } from "./errors";

const CONFLICT = "This was changed by someone else while you were editing. Reload the page to see the latest version and try again.";

describe("the error table: server actions", () => {
  it("maps each service error to its failed ActionResult", () => {
    expect(toActionError(new ValidationError({ name: "Enter a name", email: "Enter an email address" }))).toStrictEqual({
      ok: false,
      status: 422,
      message: "There is a problem with what you entered.",
      fieldErrors: { name: "Enter a name", email: "Enter an email address" },
    });
    expect(toActionError(new ForbiddenError())).toStrictEqual({ ok: false, status: 403, message: "You do not have permission to do that.", fieldErrors: {} });
    expect(toActionError(new NotFoundError("No such apprentice."))).toStrictEqual({ ok: false, status: 404, message: "No such apprentice.", fieldErrors: {} });
    expect(toActionError(new ConflictError())).toStrictEqual({ ok: false, status: 409, message: CONFLICT, fieldErrors: {} });
    expect(toActionError(new BadRequestError("correct json data structure required. See API docs for reference"))).toStrictEqual({
      ok: false,
      status: 400,
      message: "correct json data structure required. See API docs for reference",
      fieldErrors: {},
    });
    expect(
      toActionError(new ApiValidationError([{ title: "funded_place", detail: "Set '#/funded_place' to true or false." }]), { funded_place: "fundedPlace" }),
    ).toStrictEqual({
      ok: false,
      status: 422,
      message: "Set '#/funded_place' to true or false.",
      fieldErrors: { fundedPlace: "Set '#/funded_place' to true or false." },
    });
  });

  it("re-throws anything else, including a body too large (only the API reads bodies)", () => {
    expect(() => toActionError(new TypeError("boom"))).toThrow("boom");
    expect(() => toActionError(new BodyTooLargeError(10))).toThrow(BodyTooLargeError);
    expect(() => toActionError("not an error")).toThrow();
  });
});

describe("toActionError: the DfE API's errors on the lead provider portal's forms (formerly toPortalError)", () => {
  it("puts DfE's messages on the form's fields by attribute and keeps the others under their DfE title", () => {
    const error = new ApiValidationError([
      { title: "declaration_date", detail: "The '#/declaration_date' value cannot be a future date. Check the date and try again." },
      { title: "base", detail: "A declaration has already been submitted that will be, or has been, paid for this event" },
    ]);
    expect(toActionError(error, { declaration_date: "declarationDate" })).toEqual({
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
    expect(toActionError(error).fieldErrors).toEqual({
      application: "This NPQ application has already been accepted The participant has already had an application accepted for this course.",
    });
  });

  it("answers bad requests, portal validation, not found, forbidden and conflicts as other actions do", () => {
    expect(toActionError(new BadRequestError("correct json data structure required. See API docs for reference"))).toMatchObject({
      status: 400,
      fieldErrors: {},
    });
    expect(toActionError(new ValidationError({ reason: "Select the reason for the deferral" }))).toMatchObject({
      status: 422,
      fieldErrors: { reason: "Select the reason for the deferral" },
    });
    expect(toActionError(new NotFoundError())).toMatchObject({ status: 404 });
    expect(toActionError(new ForbiddenError())).toMatchObject({ status: 403 });
    expect(toActionError(new ConflictError())).toMatchObject({ status: 409 });
  });

  it("re-throws errors that are not the services' answers", () => {
    expect(() => toActionError(new Error("connection lost"))).toThrow("connection lost");
  });
});

describe("the error table: portal routes", () => {
  it("gives a route's status and problem: a validation error shows its first field's message", () => {
    expect(toRouteProblem(new ValidationError({ file: "Select a file to upload", title: "Enter a title" }))).toStrictEqual({
      status: 422,
      message: "Select a file to upload",
      fieldErrors: { file: "Select a file to upload", title: "Enter a title" },
    });
    expect(toRouteProblem(new ValidationError({}, "Nothing to import"))).toStrictEqual({ status: 422, message: "Nothing to import", fieldErrors: {} });
    expect(toRouteProblem(new ForbiddenError())).toStrictEqual({ status: 403, message: "You do not have permission to do that.", fieldErrors: {} });
    expect(toRouteProblem(new NotFoundError())).toStrictEqual({ status: 404, message: "Not found.", fieldErrors: {} });
    expect(toRouteProblem(new ConflictError())).toStrictEqual({ status: 409, message: CONFLICT, fieldErrors: {} });
  });

  it("re-throws the API's own errors and anything else (a 500)", () => {
    expect(() => toRouteProblem(new BadRequestError("x"))).toThrow(BadRequestError);
    expect(() => toRouteProblem(new ApiValidationError([{ title: "a", detail: "b" }]))).toThrow(ApiValidationError);
    expect(() => toRouteProblem(new Error("connection lost"))).toThrow("connection lost");
  });

  it("writes the problem as JSON for forms and as plain text for downloads, never cached", async () => {
    const json = toRouteResponse(new ValidationError({ file: "Select a file to upload" }), "json");
    expect(json.status).toBe(422);
    expect(json.headers.get("cache-control")).toBe("no-store");
    expect(json.headers.get("content-type")).toContain("application/json");
    expect(await json.text()).toBe(JSON.stringify({ message: "Select a file to upload", fieldErrors: { file: "Select a file to upload" } }));
    const text = toRouteResponse(new NotFoundError(), "text");
    expect(text.status).toBe(404);
    expect(text.headers.get("cache-control")).toBe("no-store");
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await text.text()).toBe("Not found.");
  });
});

describe("the error table: the DfE API", () => {
  async function body(response: Response) {
    return { status: response.status, body: await response.text() };
  }

  it("answers each error with DfE's body", async () => {
    expect(await body(toApiResponse(new BadRequestError("Bad page")))).toEqual({
      status: 400,
      body: JSON.stringify({ errors: [{ title: "Bad request", detail: "Bad page" }] }),
    });
    expect(await body(toApiResponse(new BodyTooLargeError(1024 * 1024)))).toEqual({
      status: 413,
      body: JSON.stringify({ errors: [{ title: "Payload too large", detail: "The request body must be 1 MB or smaller" }] }),
    });
    expect(await body(toApiResponse(new ApiValidationError([{ title: "cohort", detail: "Enter a cohort" }])))).toEqual({
      status: 422,
      body: JSON.stringify({ errors: [{ title: "cohort", detail: "Enter a cohort" }] }),
    });
    expect(await body(toApiResponse(new ValidationError({ reason: "Select a reason" })))).toEqual({
      status: 422,
      body: JSON.stringify({ errors: [{ title: "reason", detail: "Select a reason" }] }),
    });
    expect(await body(toApiResponse(new NotFoundError()))).toEqual({ status: 404, body: JSON.stringify({ error: "Resource not found" }) });
    expect(await body(toApiResponse(new ForbiddenError()))).toEqual({ status: 404, body: JSON.stringify({ error: "Resource not found" }) });
    expect(await body(toApiResponse(new ConflictError("Changed")))).toEqual({
      status: 422,
      body: JSON.stringify({ errors: [{ title: "conflict", detail: "Changed" }] }),
    });
    expect(toApiResponse(new NotFoundError()).headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("re-throws anything else (a 500)", () => {
    expect(() => toApiResponse(new RangeError("boom"))).toThrow("boom");
  });
});
