import Link from "next/link";
import { NameCell, Table, Tag, linkClass } from "@/components/ui";
import { StandardList } from "./standard-list";
import { ROLE_LABELS } from "@/lib/domain";
import type { StaffStandardAssignment } from "@/lib/standards";

/** The EPAO's assessors and staff with their assigned standards; admins get a "Change" link per person. */
export function StaffAssignmentsTable({ people, canChange }: { people: StaffStandardAssignment[]; canChange: boolean }) {
  return (
    <Table
      caption="Assessors and staff"
      captionHidden
      rows={people}
      rowKey={(p) => p.id}
      empty={<p>Your organisation has no assessors or EPAO staff yet.</p>}
      columns={[
        {
          key: "name",
          header: "Name",
          rowHeader: true,
          cell: (p) => <NameCell name={p.name} detail={p.email} />,
        },
        {
          key: "role",
          header: "Role",
          cell: (p) => (
            <>
              {ROLE_LABELS[p.role]}
              {p.disabled ? (
                <Tag colour="grey" className="ml-2">
                  Disabled
                </Tag>
              ) : null}
            </>
          ),
        },
        {
          key: "standards",
          header: "Assigned standards",
          cell: (p) => (p.standards.length === 0 ? <span className="text-govuk-secondary">None</span> : <StandardList standards={p.standards} />),
        },
        ...(canChange
          ? [
              {
                key: "actions",
                header: <span className="sr-only">Actions</span>,
                cell: (p: StaffStandardAssignment) => (
                  <Link className={linkClass} href={`/epao/standards/assignments/${p.id}`}>
                    Change<span className="sr-only"> standards for {p.name}</span>
                  </Link>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
