import Link from "next/link";
import { cn } from "@/components/ui";

/** Sub-navigation of an apprentice record: the record itself, its gateway and its assessment. */
export function RecordTabs({ href, current }: { href: string; current: "record" | "gateway" | "assessment" }) {
  const tabs = [
    { key: "record", label: "Record", href },
    { key: "gateway", label: "Gateway and evidence", href: `${href}/gateway` },
    { key: "assessment", label: "Assessment and grades", href: `${href}/assessment` },
  ] as const;
  return (
    <nav aria-label="Apprentice record sections" className="mb-8 border-b border-govuk-border">
      <ul className="flex flex-wrap gap-x-1">
        {tabs.map((t) => (
          <li key={t.key}>
            <Link
              href={t.href}
              aria-current={t.key === current ? "page" : undefined}
              className={cn(
                "-mb-px block border border-transparent px-4 py-2 underline-offset-4 focus:bg-govuk-yellow focus:text-govuk-black focus:outline-none",
                t.key === current
                  ? "border-govuk-border border-b-white bg-white font-bold text-govuk-black no-underline"
                  : "text-brand-600 underline hover:text-govuk-dark-blue",
              )}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
