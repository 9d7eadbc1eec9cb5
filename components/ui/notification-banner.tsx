import { useId, type ReactNode } from "react";
import { cn } from "./cn";

export type NotificationBannerProps = {
  /** "important" (default, brand blue) for information; "success" (green) to confirm an action. */
  type?: "important" | "success";
  /** Banner title; defaults to "Important" or "Success". */
  title?: string;
  children: ReactNode;
  className?: string;
};

/**
 * GOV.UK notification banner. Important banners are a labelled region; success banners use
 * role="alert" so the confirmation is announced. Put it above the page h1.
 * Style the main message with e.g. `<p className="text-xl font-bold">…</p>`.
 */
export function NotificationBanner({ type = "important", title, children, className }: NotificationBannerProps) {
  const titleId = useId();
  const success = type === "success";
  return (
    <div
      role={success ? "alert" : "region"}
      aria-labelledby={titleId}
      className={cn("mb-8 border-4", success ? "border-govuk-green bg-govuk-green" : "border-brand-600 bg-brand-600", className)}
    >
      <div className="px-4 pt-1 pb-1.5 sm:px-5">
        <h2 id={titleId} className="text-base font-bold text-white">
          {title ?? (success ? "Success" : "Important")}
        </h2>
      </div>
      <div
        className={cn(
          "bg-white px-4 py-4 text-base text-govuk-black sm:px-5 sm:py-5",
          "[&_a]:underline [&_a]:underline-offset-[0.15em] [&_p:not(:last-child)]:mb-3",
          success ? "[&_a]:text-govuk-dark-green [&_a:hover]:text-[#003d20]" : "[&_a]:text-brand-600 [&_a:hover]:text-brand-800",
          "[&_a:focus-visible]:bg-focus [&_a:focus-visible]:text-govuk-black [&_a:focus-visible]:no-underline",
        )}
      >
        {children}
      </div>
    </div>
  );
}
