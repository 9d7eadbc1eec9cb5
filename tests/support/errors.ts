import { expect } from "vitest";
import { ValidationError, type FieldErrors } from "@/lib/errors";

/** What the promise rejected with, or null when it resolved. */
export function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

/** The field errors of the ValidationError the promise must reject with. */
export async function fieldErrorsOf(promise: Promise<unknown>): Promise<FieldErrors> {
  const error = await errorOf(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

/**
 * What a call's validation said, to compare in one expectation: a ValidationError's field errors, `whenResolved`
 * when the call succeeded, or `{ thrown }` for any other error.
 */
export function validationOutcome(promise: Promise<unknown>, whenResolved: object = {}): Promise<object> {
  return promise.then(
    () => whenResolved,
    (e: unknown) => (e instanceof ValidationError ? e.fieldErrors : { thrown: String(e) }),
  );
}
