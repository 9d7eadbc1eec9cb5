import type { ReactNode } from "react";

/**
 * A fieldset of choices (checkboxes, with whatever goes with them) whose error the error summary links to:
 * the choices sit in a focusable box with the field's `id`; the error's id is `${id}-error`.
 */
export function ChoiceGroup({
  id,
  legend,
  error,
  className = "mb-6",
  legendClassName = "mb-2 font-bold",
  children,
}: {
  id: string;
  legend: ReactNode;
  error?: string;
  className?: string;
  legendClassName?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={className} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className={legendClassName}>{legend}</legend>
      {error ? (
        <p id={`${id}-error`} className="mb-2 font-bold text-govuk-red">
          <span className="sr-only">Error:</span> {error}
        </p>
      ) : null}
      <div id={id} tabIndex={-1}>
        {children}
      </div>
    </fieldset>
  );
}
