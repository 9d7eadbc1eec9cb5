import type { Metadata } from "next";
import Link from "next/link";
import { QueueSection } from "@/components/queues/queue-section";
import { ButtonLink, EmptyState, PageHeading, Pagination, Tag, cn } from "@/components/ui";
import { assessorWorklist, type WorklistView } from "@/lib/assessment";
import { STATUS_COLOURS, STATUS_LABELS } from "@/lib/apprentices/schema";
import { requireArea } from "@/lib/session";
import { formatDate, formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "My worklist" };

const VIEWS: { key: WorklistView; label: string; empty: string }[] = [
  { key: "awaiting", label: "Awaiting grades", empty: "Nobody assigned to you is waiting for grades." },
  { key: "assigned", label: "All assigned", empty: "No apprentices are assigned to you yet." },
  { key: "graded-this-month", label: "Graded this month", empty: "No overall grade of yours has been confirmed this month." },
];

/** The assessor's worklist: who is waiting for grades, everyone assigned, and what was graded this month. */
export default async function AssessorHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("assessor");
  const raw = await searchParams;
  const list = await assessorWorklist(actor, { view: raw.view ?? "awaiting", page: raw.page, perPage: 25 });
  const current = VIEWS.find((v) => v.key === list.view)!;
  const hrefFor = (page: number, view: WorklistView = list.view) => `/assessor?view=${view}${page > 1 ? `&page=${page}` : ""}`;
  return (
    <>
      <PageHeading
        title="My worklist"
        description="Apprentices assigned to you for end-point assessment. Record each component's grade on the apprentice's assessment page."
        actions={
          <ButtonLink href="/assessor/apprentices" variant="secondary">
            Search all my apprentices
          </ButtonLink>
        }
      />
      <nav aria-label="Worklist views" className="mb-6 border-b border-govuk-border">
        <ul className="flex flex-wrap gap-x-1">
          {VIEWS.map((v) => (
            <li key={v.key}>
              <Link
                href={hrefFor(1, v.key)}
                aria-current={v.key === list.view ? "page" : undefined}
                className={cn(
                  "-mb-px block border border-transparent px-4 py-2 focus:bg-govuk-yellow focus:outline-none",
                  v.key === list.view ? "border-govuk-border border-b-white bg-white font-bold" : "text-brand-600 underline underline-offset-4",
                )}
              >
                {v.label} ({list.counts[v.key].toLocaleString("en-GB")})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <QueueSection
        empty={<EmptyState title="Nothing here">{current.empty}</EmptyState>}
        caption={`${current.label}: ${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "apprentice" : "apprentices"}`}
        captionHidden={false}
        rows={list.rows}
        rowKey={(r) => r.id}
        link={{ href: (r) => `/assessor/apprentices/${r.id}/assessment`, text: (r) => `${r.familyName}, ${r.givenNames}` }}
        columns={[
          { key: "standard", header: "Standard", cell: (r) => (r.standard ? `${r.standard.reference} ${r.standard.title}` : "") },
          { key: "provider", header: "Training provider", cell: (r) => r.providerName ?? "" },
          { key: "status", header: "Status", cell: (r) => <Tag colour={STATUS_COLOURS[r.status]}>{STATUS_LABELS[r.status]}</Tag> },
          {
            key: "grades",
            header: "Grades",
            cell: (r) =>
              !r.attempt ? (
                <span className="text-govuk-secondary">Planned end {formatDate(r.plannedEndDate)}</span>
              ) : r.attempt.overallGrade ? (
                <>
                  {r.attempt.overallGrade}
                  {r.attempt.confirmedAt ? <span className="block text-sm text-govuk-secondary">confirmed {formatDateTime(r.attempt.confirmedAt)}</span> : null}
                </>
              ) : (
                <>
                  {r.attempt.graded} of {r.attempt.components} recorded
                  {r.attempt.provisional ? <span className="block text-sm text-govuk-secondary">provisional {r.attempt.provisional}</span> : null}
                </>
              ),
          },
        ]}
        after={
          <Pagination page={list.page} totalPages={list.totalPages} hasNext={list.page < list.totalPages} hrefFor={(p) => hrefFor(p)} label="Worklist pages" />
        }
      />
    </>
  );
}
