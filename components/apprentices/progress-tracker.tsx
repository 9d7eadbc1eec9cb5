import type { ApprenticeStatus } from "@/lib/domain";
import { STAGES, stageIndex } from "@/lib/apprentices/schema";

/** The lifecycle stages as an ordered list: done, current, to come. */
export function ProgressTracker({ status, statusBeforeBreak }: { status: ApprenticeStatus; statusBeforeBreak: ApprenticeStatus | null }) {
  const current = stageIndex(status, statusBeforeBreak);
  const halted = status === "withdrawn" ? "Withdrawn" : status === "on_break" ? "On a break" : null;
  return (
    <ol className="mb-8 grid grid-cols-1 gap-2 sm:grid-cols-5" aria-label="Progress">
      {STAGES.map((stage, index) => {
        const done = current > index || (status === "certificated" && index === current);
        const isCurrent = index === current && status !== "certificated";
        return (
          <li
            key={stage.status}
            aria-current={isCurrent ? "step" : undefined}
            className={`rounded border-2 px-3 py-2 ${done ? "border-govuk-green bg-govuk-light-green text-govuk-dark-green" : isCurrent ? "border-brand-700 bg-brand-50 text-brand-900" : "border-govuk-border bg-white text-govuk-secondary"}`}
          >
            <span className="block text-sm">Step {index + 1}</span>
            <span className="font-bold">
              {done ? <span aria-hidden="true">✓ </span> : null}
              {stage.label}
            </span>
            <span className="sr-only">{done ? " (done)" : isCurrent ? " (current stage)" : " (not started)"}</span>
            {isCurrent && halted ? <span className="block text-sm font-bold">{halted}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
