import type { ReactNode } from "react";
import { cn } from "./cn";

export type TagColour = "grey" | "blue" | "green" | "yellow" | "red" | "purple" | "orange" | "turquoise";

/**
 * GOV.UK Frontend v5 tag colours: tinted background with dark text of the same hue.
 * Every pair has a contrast ratio of at least 6:1 (WCAG AA needs 4.5:1).
 */
const colourClasses: Record<TagColour, string> = {
  grey: "bg-[#e5e6e7] text-[#282d30]", // 11.1:1
  blue: "bg-[#bbd4ea] text-[#0c2d4a]", // 9.2:1
  green: "bg-govuk-light-green text-govuk-dark-green", // 6.2:1
  yellow: "bg-[#fff7bf] text-[#594d00]", // 7.8:1
  red: "bg-[#f4cdc6] text-[#2a0b06]", // 12.5:1
  purple: "bg-[#efdfed] text-[#491644]", // 11.1:1
  orange: "bg-[#fcd6c3] text-[#6e3619]", // 7.1:1
  turquoise: "bg-[#d4ecea] text-[#10403c]", // 9.3:1
};

export type TagProps = {
  children: ReactNode;
  colour?: TagColour;
  className?: string;
};

/** Small status tag, e.g. `<Tag colour="green">Passed</Tag>`. Defaults to blue. */
export function Tag({ children, colour = "blue", className }: TagProps) {
  return (
    <strong className={cn("inline-block max-w-full px-2 py-0.5 text-sm leading-5 font-bold tracking-wide uppercase", colourClasses[colour], className)}>
      {children}
    </strong>
  );
}
