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
    <nav aria-label="Apprentice record sections" className="mb-8 border-b border-[#b1b4b6]">
      <ul className="flex flex-wrap gap-x-1">
        {tabs.map((t) => (
          <li key={t.key}>
            <Link
              href={t.href}
              aria-current={t.key === current ? "page" : undefined}
              className={cn(
                "-mb-px block border border-transparent px-4 py-2 underline-offset-4 focus:bg-[#ffdd00] focus:text-[#0b0c0c] focus:outline-none",
                t.key === current
                  ? "border-[#b1b4b6] border-b-white bg-white font-bold text-[#0b0c0c] no-underline"
                  : "text-brand-600 underline hover:text-[#003078]",
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
