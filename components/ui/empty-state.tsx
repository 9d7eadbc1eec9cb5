import type { ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  title: ReactNode;
  children?: ReactNode;
  /** Usually a ButtonLink to create the first item. */
  action?: ReactNode;
  /** Heading level for the title; `false` renders it as bold text (e.g. inside a table). Default 2. */
  headingLevel?: 2 | 3 | 4 | false;
  className?: string;
};

/** Friendly bordered panel shown when a list or table has nothing in it. */
export function EmptyState({ title, children, action, headingLevel = 2, className }: EmptyStateProps) {
  const titleClass = "text-xl font-bold text-govuk-black";
  const heading =
    headingLevel === false ? (
      <p className={titleClass}>{title}</p>
    ) : headingLevel === 3 ? (
      <h3 className={titleClass}>{title}</h3>
    ) : headingLevel === 4 ? (
      <h4 className={titleClass}>{title}</h4>
    ) : (
      <h2 className={titleClass}>{title}</h2>
    );

  return (
    <div className={cn("border-2 border-dashed border-govuk-border bg-[#f8f8f8] px-6 py-8 text-center text-base text-govuk-black sm:px-8", className)}>
      {heading}
      {children ? <div className="mx-auto mt-2 max-w-prose text-govuk-secondary">{children}</div> : null}
      {action ? <div className="mt-6 flex flex-wrap justify-center gap-4">{action}</div> : null}
    </div>
  );
}
