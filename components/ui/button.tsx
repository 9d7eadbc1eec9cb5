import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * - primary: brand-600 (main call to action, one per page ideally)
 * - secondary: light grey
 * - warning: red, for destructive actions
 * - link: looks like a text link
 * - inverse: white, for use on the dark header bar (e.g. "Sign out")
 */
export type ButtonVariant = "primary" | "secondary" | "warning" | "link" | "inverse";

const base =
  "inline-flex items-center justify-center gap-2 text-base leading-tight font-bold no-underline cursor-pointer select-none " +
  "disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 " +
  // Focus: yellow background, black text (the outline/ring comes from the global :focus-visible rule).
  "focus-visible:bg-focus focus-visible:text-govuk-black";

const solid = "min-h-10 rounded-none border-2 border-transparent px-4 py-2 text-center";

const variantClasses: Record<ButtonVariant, string> = {
  primary: cn(
    solid,
    "bg-brand-600 text-white shadow-[0_2px_0_var(--color-brand-900)] hover:bg-brand-700 active:translate-y-0.5 active:shadow-none",
    "disabled:hover:bg-brand-600",
  ),
  secondary: cn(
    solid,
    "bg-govuk-light-grey text-govuk-black shadow-[0_2px_0_var(--color-govuk-button-shadow)] hover:bg-govuk-mid-grey active:translate-y-0.5 active:shadow-none",
    "disabled:hover:bg-govuk-light-grey",
  ),
  warning: cn(
    solid,
    "bg-govuk-red text-white shadow-[0_2px_0_var(--color-govuk-red-shadow)] hover:bg-govuk-red-dark active:translate-y-0.5 active:shadow-none",
    "disabled:hover:bg-govuk-red",
  ),
  inverse: cn(solid, "bg-white text-brand-700 hover:bg-brand-50 hover:text-brand-800 active:translate-y-0.5", "disabled:hover:bg-white"),
  link: "bg-transparent p-0 text-brand-600 underline underline-offset-[0.15em] decoration-1 hover:text-brand-800 hover:decoration-[3px] focus-visible:no-underline",
};

/** Class names for a button of the given variant (useful for styling other elements as buttons). */
export function buttonClassName(variant: ButtonVariant = "primary", className?: string): string {
  return cn(base, variantClasses[variant], className);
}

export type ButtonProps = ComponentProps<"button"> & {
  variant?: ButtonVariant;
};

/**
 * A native `<button>`. `type` defaults to "submit" (as in HTML and GOV.UK Frontend);
 * pass `type="button"` for buttons that should not submit a form.
 */
export function Button({ variant = "primary", className, type = "submit", ...props }: ButtonProps) {
  return <button type={type} className={buttonClassName(variant, className)} {...props} />;
}

export type ButtonLinkProps = Omit<ComponentProps<typeof Link>, "href" | "className"> & {
  href: string;
  variant?: ButtonVariant;
  children: ReactNode;
  className?: string;
};

/** A link (next/link) styled as a button — use when the action navigates. */
export function ButtonLink({ href, variant = "primary", className, children, ...props }: ButtonLinkProps) {
  return (
    <Link href={href} className={buttonClassName(variant, className)} draggable={false} {...props}>
      {children}
    </Link>
  );
}

export type ButtonGroupProps = {
  children: ReactNode;
  className?: string;
};

/** Lays out buttons (and links) in a row with consistent spacing; wraps on narrow screens. */
export function ButtonGroup({ children, className }: ButtonGroupProps) {
  return <div className={cn("flex flex-wrap items-center gap-4", className)}>{children}</div>;
}
