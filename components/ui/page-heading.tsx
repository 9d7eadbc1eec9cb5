import type { ReactNode } from "react";
import { cn } from "./cn";

export type PageHeadingProps = {
  /** Small grey text shown above the heading, e.g. the section or record name. */
  caption?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links shown to the right of the heading (below it on mobile). */
  actions?: ReactNode;
  className?: string;
};

/** The page's `<h1>` with optional caption, description and actions. */
export function PageHeading({ caption, title, description, actions, className }: PageHeadingProps) {
  return (
    <div className={cn("mb-8 flex flex-col gap-4 md:flex-row md:items-start md:justify-between md:gap-8", className)}>
      <div className="min-w-0">
        {caption ? <p className="mb-1 text-lg text-govuk-secondary">{caption}</p> : null}
        <h1 className="text-3xl leading-tight font-bold text-govuk-black sm:text-4xl">{title}</h1>
        {description ? <div className="mt-3 max-w-3xl text-lg text-govuk-black">{description}</div> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-3">{actions}</div> : null}
    </div>
  );
}
