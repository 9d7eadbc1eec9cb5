"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./cn";
import { containerClass, linkFocusClass } from "./styles";

export type NavItem = { href: string; label: string };

export type PrimaryNavProps = {
  items: NavItem[];
  /** Accessible name of the navigation landmark. */
  label?: string;
};

function isMatch(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The most specific (longest) item whose href matches the current path. */
function currentHref(items: NavItem[], pathname: string): string | undefined {
  let best: string | undefined;
  for (const item of items) {
    if (isMatch(pathname, item.href) && (best === undefined || item.href.length > best.length)) {
      best = item.href;
    }
  }
  return best;
}

/** Horizontal primary navigation shown under the header. Wraps on narrow screens. */
export function PrimaryNav({ items, label = "Primary" }: PrimaryNavProps) {
  const pathname = usePathname() ?? "";
  if (items.length === 0) return null;
  const current = currentHref(items, pathname);

  return (
    <nav aria-label={label} className="border-b border-govuk-border bg-white">
      <ul className={cn(containerClass, "flex flex-wrap gap-x-6")}>
        {items.map((item) => {
          const isCurrent = item.href === current;
          return (
            <li key={item.href} className="-mb-px">
              <Link
                href={item.href}
                aria-current={isCurrent ? "page" : undefined}
                className={cn(
                  "inline-block border-b-4 py-3 font-bold no-underline",
                  isCurrent
                    ? "border-brand-600 text-brand-800"
                    : "border-transparent text-brand-600 hover:text-brand-800 hover:underline hover:decoration-2 hover:underline-offset-[0.2em]",
                  linkFocusClass,
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
