import Link from "next/link";
import { useId, type ReactNode } from "react";
import { cn } from "./cn";

export type StatCardProps = {
  label: ReactNode;
  value: ReactNode;
  /** When set, the whole card is a link. */
  href?: string;
  hint?: ReactNode;
  className?: string;
};

/** Dashboard count: big number with a label underneath. */
export function StatCard({ label, value, href, hint, className }: StatCardProps) {
  const content = (
    <>
      <span className="block text-4xl leading-none font-bold tabular-nums sm:text-5xl">{value}</span>
      <span className={cn("mt-2 block text-base font-bold", href && "underline underline-offset-[0.15em] group-hover:decoration-[3px]")}>{label}</span>
      {hint ? <span className="mt-1 block text-sm font-normal text-govuk-secondary">{hint}</span> : null}
    </>
  );

  const boxClass = cn("block h-full border border-t-4 border-govuk-border border-t-brand-600 bg-white p-4 sm:p-5", className);

  if (href) {
    return (
      <Link
        href={href}
        className={cn(
          boxClass,
          "group text-brand-700 no-underline hover:bg-brand-50 hover:text-brand-800",
          "focus-visible:bg-focus focus-visible:text-govuk-black [&:focus-visible_span]:text-govuk-black",
        )}
      >
        {content}
      </Link>
    );
  }
  return <div className={cn(boxClass, "text-govuk-black")}>{content}</div>;
}

export type StatCardGroupProps = { children: ReactNode; className?: string };

/** Responsive grid for StatCards (1 column on mobile, up to 4 on wide screens). */
export function StatCardGroup({ children, className }: StatCardGroupProps) {
  return <div className={cn("mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4", className)}>{children}</div>;
}

export type PanelProps = {
  title?: ReactNode;
  children: ReactNode;
  /** Heading level for the title. Default 2. */
  headingLevel?: 2 | 3;
  /** Optional controls (e.g. a "View all" link) on the right of the title. */
  actions?: ReactNode;
  className?: string;
};

/** Simple white bordered section; labelled by its title when it has one. */
export function Panel({ title, children, headingLevel = 2, actions, className }: PanelProps) {
  const titleId = useId();
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <section
      aria-labelledby={title ? titleId : undefined}
      className={cn("mb-8 border border-govuk-border bg-white p-4 text-govuk-black sm:p-6 [&>*:last-child]:mb-0", className)}
    >
      {title || actions ? (
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
          {title ? (
            <Heading id={titleId} className="text-xl font-bold sm:text-2xl">
              {title}
            </Heading>
          ) : (
            <span />
          )}
          {actions ? <div className="flex flex-wrap items-center gap-3">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
