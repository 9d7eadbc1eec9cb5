"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ErrorSummaryItem } from "@/components/ui";
import type { ActionResult, FieldErrors } from "@/lib/errors";

/** What a server action said when it refused (or what the page found before sending anything). */
export type Failure = { message: string; fieldErrors: FieldErrors };

/** What to do once an action worked. Without `redirect` the page is refreshed (its server components read again). */
export type AfterSuccess<T> = {
  /** Go here (router.push), then refresh. */
  redirect?: string | ((data: T) => string);
  /** Runs first: reset the form, close an editor, keep the returned data… */
  onSuccess?: (data: T) => void;
  /** The success message when the action gives none (default: none). */
  successMessage?: string;
  /** `false`: neither go anywhere nor refresh (the caller does). */
  refresh?: boolean;
  /** Runs when the action refused, after the failure is kept. */
  onFailure?: (failure: Failure) => void;
};

/**
 * Runs server actions that return an `ActionResult` in a transition: `pending` while it runs, the success `message`,
 * or the `failure` (field errors and message) to show. One instance serves one control or form; the form hook
 * (`useActionForm`) is built on it.
 */
export function useAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  function run<T>(call: () => Promise<ActionResult<T>>, after: AfterSuccess<T> = {}) {
    startTransition(async () => {
      const result = await call();
      if (!result.ok) {
        setMessage(null);
        setFailure({ message: result.message, fieldErrors: result.fieldErrors });
        after.onFailure?.(result);
        return;
      }
      setFailure(null);
      setMessage(result.message ?? after.successMessage ?? null);
      after.onSuccess?.(result.data);
      if (after.refresh === false) return;
      if (after.redirect) router.push(typeof after.redirect === "function" ? after.redirect(result.data) : after.redirect);
      router.refresh();
    });
  }

  /** A problem found before anything is sent: a message, or messages by field. */
  function fail(problem: string | FieldErrors) {
    setMessage(null);
    setFailure(typeof problem === "string" ? { message: problem, fieldErrors: {} } : { message: "", fieldErrors: problem });
  }

  function clear() {
    setMessage(null);
    setFailure(null);
  }

  const hasFieldErrors = failure !== null && Object.keys(failure.fieldErrors).length > 0;
  /** The failure by field, or `{ form: message }` when it is about no field. */
  const errors: Record<string, string> = failure ? (hasFieldErrors ? failure.fieldErrors : { form: failure.message }) : {};
  /** The failure in one line (for a message next to a button). */
  const problem = failure ? (hasFieldErrors ? Object.values(failure.fieldErrors).join(" ") : failure.message) : null;
  /** The error summary's items: one per field error, linked to `linkTo(field)` (none for "form"), or the message. */
  const summary = (linkTo: (field: string) => string | undefined = () => undefined): ErrorSummaryItem[] =>
    Object.entries(errors).map(([field, text]) => ({ field: field === "form" ? undefined : linkTo(field), message: text }));

  /** The error summary's one item for a control that every problem is about. */
  const summaryAt = (field: string): ErrorSummaryItem[] => (problem ? [{ field, message: problem }] : []);

  return { pending, message, failure, errors, problem, summary, summaryAt, run, fail, clear, setMessage };
}

/** A click handler that asks `question` first (window.confirm) and goes on only when the user says yes. */
export const confirmFirst = (question: string, then: () => void) => () => {
  if (window.confirm(question)) then();
};

/** `linkTo` for controls whose ids are `${prefix}-${field}`. */
export const prefixed = (prefix: string) => (field: string) => `${prefix}-${field}`;
