import type { ReactNode } from "react";
import { NotificationBanner } from "@/components/ui";

/** A confirmation line after an action worked (announced politely); renders nothing without a message. */
export function StatusLine({ message, className = "mb-4 font-bold text-govuk-dark-green" }: { message: ReactNode; className?: string }) {
  if (!message) return null;
  return (
    <p role="status" className={className}>
      {message}
    </p>
  );
}

export type ProblemLineProps = {
  message: ReactNode;
  className?: string;
  /** "alert" (default) announces the problem at once; null for a plain line. */
  role?: "alert" | null;
  /** Starts with a visually hidden "Error:". */
  prefixed?: boolean;
  as?: "p" | "span";
};

/** A problem (permission, conflict, a refusal) shown next to the control it is about; renders nothing without a message. */
export function ProblemLine({ message, className = "mb-4 font-bold text-govuk-red", role = "alert", prefixed = false, as: Tag = "p" }: ProblemLineProps) {
  if (!message) return null;
  return (
    <Tag className={className} role={role ?? undefined}>
      {prefixed ? <span className="sr-only">Error:</span> : null}
      {prefixed ? " " : null}
      {message}
    </Tag>
  );
}

/** The green "Success" banner with an action's message; renders nothing without one. */
export function SuccessBanner({ message, className }: { message: ReactNode; className?: string }) {
  if (!message) return null;
  return (
    <NotificationBanner type="success" title="Success">
      <p className={className}>{message}</p>
    </NotificationBanner>
  );
}
