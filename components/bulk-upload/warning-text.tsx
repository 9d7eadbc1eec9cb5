import type { ReactNode } from "react";
import { cn } from "@/components/ui";

/** GOV.UK warning text: a "!" icon and bold text, for consequences the user must notice before acting. */
export function WarningText({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div className={cn("mb-6 flex items-start gap-4", className)}>
      <span
        aria-hidden="true"
        className="flex size-9 shrink-0 items-center justify-center rounded-full bg-govuk-black text-2xl leading-none font-bold text-white"
      >
        !
      </span>
      <p className="pt-1 text-lg font-bold text-govuk-black">
        <span className="sr-only">Warning: </span>
        {children}
      </p>
    </div>
  );
}
