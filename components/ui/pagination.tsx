import Link from "next/link";
import { cn } from "./cn";
import { linkFocusClass } from "./styles";

// Server component on purpose: `hrefFor` is a function and cannot be passed to a client component.

export type PaginationProps = {
  /** Current page, 1-based. */
  page: number;
  hasNext: boolean;
  /** When known, numbered page links are shown (1 … 4 5 6 … 20). */
  totalPages?: number;
  hrefFor: (page: number) => string;
  /** Accessible name of the nav landmark; change it if a page has more than one. */
  label?: string;
  className?: string;
};

export type PaginationItem = number | "ellipsis";

/**
 * Page numbers to show: first, last, current and its neighbours, with "ellipsis"
 * for gaps of two or more pages (a gap of one page shows that page instead).
 */
export function paginationItems(current: number, total: number): PaginationItem[] {
  if (total < 1) return [];
  const page = Math.min(Math.max(1, current), total);
  const wanted = [...new Set([1, page - 1, page, page + 1, total])].filter((p) => p >= 1 && p <= total).sort((a, b) => a - b);

  const items: PaginationItem[] = [];
  let previous = 0;
  for (const p of wanted) {
    if (p - previous === 2) items.push(previous + 1);
    else if (p - previous > 2) items.push("ellipsis");
    items.push(p);
    previous = p;
  }
  return items;
}

const arrowClass = "size-4 shrink-0 fill-current";

function PreviousArrow() {
  return (
    <svg className={arrowClass} aria-hidden="true" focusable="false" viewBox="0 0 16 16">
      <path d="M7 2 1 8l6 6 1.4-1.4L4.8 9H15V7H4.8l3.6-3.6z" />
    </svg>
  );
}

function NextArrow() {
  return (
    <svg className={arrowClass} aria-hidden="true" focusable="false" viewBox="0 0 16 16">
      <path d="M9 2l6 6-6 6-1.4-1.4L11.2 9H1V7h10.2L7.6 3.4z" />
    </svg>
  );
}

const stepLinkClass = cn(
  "inline-flex min-h-10 items-center gap-2 px-1 font-bold text-brand-600 underline underline-offset-[0.15em] hover:text-brand-800 hover:decoration-[3px]",
  linkFocusClass,
);

/** Previous/next links, plus numbered page links when `totalPages` is known. */
export function Pagination({ page, hasNext, totalPages, hrefFor, label = "Pagination", className }: PaginationProps) {
  const hasPrevious = page > 1;
  if (!hasPrevious && !hasNext && (totalPages === undefined || totalPages <= 1)) return null;

  const items = totalPages !== undefined && totalPages > 1 ? paginationItems(page, totalPages) : [];

  return (
    <nav aria-label={label} className={cn("my-8 flex flex-wrap items-center gap-x-4 gap-y-2 text-base", className)}>
      {hasPrevious ? (
        <Link href={hrefFor(page - 1)} rel="prev" className={stepLinkClass}>
          <PreviousArrow />
          <span>
            Previous<span className="sr-only"> page</span>
          </span>
        </Link>
      ) : null}

      {items.length > 0 ? (
        <ul className="flex flex-wrap items-center gap-1">
          {items.map((item, index) =>
            item === "ellipsis" ? (
              <li key={`ellipsis-${index}`} className="px-2 font-bold text-govuk-secondary">
                …
              </li>
            ) : (
              <li key={item}>
                <Link
                  href={hrefFor(item)}
                  aria-label={`Page ${item}`}
                  aria-current={item === page ? "page" : undefined}
                  className={cn(
                    "inline-flex min-h-10 min-w-10 items-center justify-center px-2 font-bold",
                    item === page
                      ? "bg-brand-600 text-white no-underline"
                      : "text-brand-600 underline underline-offset-[0.15em] hover:bg-brand-50 hover:text-brand-800 hover:decoration-[3px]",
                    linkFocusClass,
                  )}
                >
                  {item}
                </Link>
              </li>
            ),
          )}
        </ul>
      ) : null}

      {hasNext ? (
        <Link href={hrefFor(page + 1)} rel="next" className={stepLinkClass}>
          <span>
            Next<span className="sr-only"> page</span>
          </span>
          <NextArrow />
        </Link>
      ) : null}
    </nav>
  );
}
