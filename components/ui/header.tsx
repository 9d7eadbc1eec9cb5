import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";
import { containerClass } from "./styles";

export type HeaderUser = {
  name: string;
  organisationName: string;
  roleLabel: string;
};

export type HeaderProps = {
  serviceName: string;
  homeHref: string;
  user?: HeaderUser | null;
  /** Slot for the sign-out control, e.g. a form with `<Button variant="inverse">Sign out</Button>`. */
  signOut?: ReactNode;
};

/**
 * Service header: skip link, dark brand bar with the service name (linking home),
 * and the signed-in user's details with a sign-out slot on the right.
 * The page's `<main>` must have `id="main-content"` (and ideally `tabIndex={-1}`).
 */
export function Header({ serviceName, homeHref, user, signOut }: HeaderProps) {
  return (
    <>
      <a
        href="#main-content"
        className="sr-only focus:not-sr-only focus:block focus:bg-focus focus:px-4 focus:py-3 focus:text-govuk-black focus:underline focus:decoration-2"
      >
        Skip to main content
      </a>
      <header className="border-b-8 border-brand-600 bg-brand-900 text-white">
        <div className={cn(containerClass, "flex flex-wrap items-center justify-between gap-x-8 gap-y-3 py-4")}>
          <Link
            href={homeHref}
            className="text-2xl leading-tight font-bold text-white no-underline hover:underline hover:decoration-[3px] hover:underline-offset-[0.15em] focus-visible:bg-focus focus-visible:text-govuk-black focus-visible:no-underline"
          >
            {serviceName}
          </Link>
          {user || signOut ? (
            <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
              {user ? (
                <p className="text-sm leading-snug">
                  <span className="sr-only">Signed in as </span>
                  <span className="block text-base font-bold">{user.name}</span>
                  <span className="block text-brand-100">
                    {user.organisationName}
                    <span aria-hidden="true"> · </span>
                    <span className="sr-only">, </span>
                    {user.roleLabel}
                  </span>
                </p>
              ) : null}
              {signOut}
            </div>
          ) : null}
        </div>
      </header>
    </>
  );
}
