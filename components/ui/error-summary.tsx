"use client";

import { useEffect, useId, useRef, type MouseEvent } from "react";
import { cn } from "./cn";

export type ErrorSummaryItem = {
  /** Id of the control to link to (by convention the field name). Omit for form-level errors. */
  field?: string;
  message: string;
};

export type ErrorSummaryProps = {
  title?: string;
  errors: ErrorSummaryItem[];
  className?: string;
};

function focusField(field: string): boolean {
  const target = document.getElementById(field) ?? document.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`);
  if (!target) return false;

  // Scroll the question (legend or label) into view, not just the control.
  const legend = target.closest("fieldset")?.querySelector("legend");
  const label = target.id ? document.querySelector<HTMLElement>(`label[for="${CSS.escape(target.id)}"]`) : null;
  const anchor = legend ?? label ?? target;
  anchor.scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
  return true;
}

/**
 * GOV.UK error summary. Put it at the top of the main content, above the h1.
 * Renders nothing when there are no errors; otherwise receives focus whenever the errors change.
 */
export function ErrorSummary({ title = "There is a problem", errors, className }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const signature = errors.map((e) => `${e.field ?? ""}\u0000${e.message}`).join("\u0001");

  useEffect(() => {
    if (signature !== "") ref.current?.focus();
  }, [signature]);

  if (errors.length === 0) return null;

  function handleClick(event: MouseEvent<HTMLAnchorElement>, field: string) {
    if (focusField(field)) event.preventDefault();
  }

  return (
    <div ref={ref} role="alert" tabIndex={-1} aria-labelledby={titleId} className={cn("mb-8 border-4 border-govuk-red bg-white p-4 sm:p-6", className)}>
      <h2 id={titleId} className="mb-4 text-xl font-bold text-govuk-black sm:text-2xl">
        {title}
      </h2>
      <ul className="flex flex-col gap-2">
        {errors.map(({ field, message }, index) => (
          <li key={`${field ?? ""}-${index}`} className="font-bold text-red-700">
            {field ? (
              <a
                href={`#${field}`}
                onClick={(event) => handleClick(event, field)}
                className="text-red-700 underline underline-offset-[0.15em] hover:decoration-[3px] focus-visible:bg-focus focus-visible:text-govuk-black focus-visible:no-underline"
              >
                {message}
              </a>
            ) : (
              message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
