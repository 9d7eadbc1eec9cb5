import type { ReactNode } from "react";

/** A GOV.UK-style warning banner (red), for "claims are off". */
export function WarningBanner({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <div role="region" aria-labelledby={id} className="mb-6 border-4 border-govuk-red">
      <div className="bg-govuk-red px-4 pt-1 pb-1.5 sm:px-5">
        <h3 id={id} className="text-base font-bold text-white">
          Warning
        </h3>
      </div>
      <div className="bg-white px-4 py-4 text-base text-govuk-black sm:px-5 [&_p:not(:last-child)]:mb-3">
        <p className="text-xl font-bold">{title}</p>
        {children}
      </div>
    </div>
  );
}
