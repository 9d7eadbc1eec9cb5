import Link from "next/link";
import type { ReactNode } from "react";
import { Table, Tag, linkClass } from "@/components/ui";
import type { StandardWithComponents } from "@/lib/standards";

export function StandardsTable({
  standards,
  caption,
  captionHidden,
  empty,
  editHref,
}: {
  standards: StandardWithComponents[];
  caption?: ReactNode;
  captionHidden?: boolean;
  empty?: ReactNode;
  /** Platform admins: link each reference to its edit page. */ editHref?: (id: string) => string;
}) {
  return (
    <Table
      caption={caption ?? `${standards.length} standards`}
      captionHidden={captionHidden}
      empty={empty}
      rows={standards}
      rowKey={(s) => s.id}
      columns={[
        {
          key: "reference",
          header: "Reference",
          cell: (s) =>
            editHref ? (
              <Link className={`${linkClass} font-bold`} href={editHref(s.id)}>
                {s.reference}
                <span className="sr-only"> (edit)</span>
              </Link>
            ) : (
              <span className="font-bold">{s.reference}</span>
            ),
          rowHeader: true,
        },
        {
          key: "title",
          header: "Title",
          cell: (s) => (
            <>
              {s.title}
              {s.options.length > 0 ? <span className="block text-sm text-govuk-secondary">Options: {s.options.join(", ")}</span> : null}
            </>
          ),
        },
        { key: "lars", header: "LARS code", cell: (s) => s.larsCode, numeric: true },
        { key: "level", header: "Level", cell: (s) => s.level, numeric: true },
        { key: "versions", header: "Versions", cell: (s) => s.versions.join(", ") },
        {
          key: "grades",
          header: "Overall grades",
          cell: (s) => (
            <span className="flex flex-wrap gap-1">
              {s.overallGrades.map((g, i) => (
                <Tag key={g} colour={g === "Fail" ? "red" : i === s.overallGrades.length - 1 ? "green" : "blue"}>
                  {g}
                </Tag>
              ))}
            </span>
          ),
        },
        {
          key: "components",
          header: "Assessment components",
          cell: (s) => (
            <ul className="list-disc pl-5 text-sm">
              {s.components.map((c) => (
                <li key={c.id}>
                  {c.name} <span className="text-govuk-secondary">({c.grades.join(" / ")})</span>
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
