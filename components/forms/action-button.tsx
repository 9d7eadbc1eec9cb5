"use client";

import type { ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";
import { ProblemLine, StatusLine, type ProblemLineProps } from "./inline-message";
import { confirmFirst, useAction, type AfterSuccess } from "./use-action";

export type ActionButtonProps<T> = Omit<ButtonProps, "type" | "onClick" | "action"> &
  AfterSuccess<T> & {
    /** The server action the click runs. */
    action: () => Promise<ActionResult<T>>;
    /** Asked first (window.confirm); nothing runs when the user says no. */
    confirm?: string;
    /** The label while the action runs (default: the label). */
    pendingText?: ReactNode;
    /** Visually hidden words after the label that make the button's name unique on the page. */
    hiddenContext?: string;
    /** How the refusal is shown: after the button (default) or, with `first`, before it. */
    problem?: Omit<ProblemLineProps, "message"> & { first?: boolean };
    /** Show the action's success message after the button, with this class. */
    statusClassName?: string;
  };

/** A button that runs one server action (after an optional confirmation) and says why when it is refused. */
export function ActionButton<T>({
  action,
  confirm,
  pendingText,
  hiddenContext,
  problem = {},
  statusClassName,
  redirect,
  onSuccess,
  successMessage,
  refresh,
  onFailure,
  disabled,
  children,
  ...props
}: ActionButtonProps<T>) {
  const { pending, message, problem: text, run } = useAction();
  const { first = false, ...line } = problem;
  const refusal = <ProblemLine message={text} className="mt-1 font-bold text-govuk-red" {...line} />;
  return (
    <>
      {first ? refusal : null}
      <Button
        type="button"
        disabled={pending || disabled}
        onClick={() => {
          const go = () => run(action, { redirect, onSuccess, successMessage, refresh, onFailure });
          if (confirm === undefined) go();
          else confirmFirst(confirm, go)();
        }}
        {...props}
      >
        {pending && pendingText ? pendingText : children}
        {hiddenContext ? <span className="sr-only"> {hiddenContext}</span> : null}
      </Button>
      {statusClassName ? <StatusLine message={message} className={statusClassName} /> : null}
      {first ? null : refusal}
    </>
  );
}
