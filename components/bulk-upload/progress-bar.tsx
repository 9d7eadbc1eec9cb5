import { cn } from "@/components/ui";

export type ProgressBarProps = {
  /** Accessible name, e.g. "Upload progress". */
  label: string;
  /** 0–100; null while the amount of work left is unknown (an animated bar). */
  value: number | null;
  className?: string;
};

/** A horizontal progress bar (role="progressbar"); indeterminate when `value` is null. */
export function ProgressBar({ label, value, className }: ProgressBarProps) {
  const percent = value === null ? null : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={percent === null ? "In progress" : `${percent}%`}
      className={cn("h-5 w-full overflow-hidden border-2 border-govuk-black bg-white", className)}
    >
      <div
        className={cn("h-full bg-brand-600", percent === null ? "w-full motion-safe:animate-pulse" : "transition-[width] duration-200")}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
