import type { Metadata } from "next";
import { RequeueClaimButton } from "@/components/certification/claim-controls";
import { QueueSection } from "@/components/queues/queue-section";
import { ButtonLink, EmptyState, PageHeading, Tag, TextField } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { certificationErrors, ERROR_TARGET_DAYS, parseCertificationErrorFilters } from "@/lib/certification";
import { formatDate, formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Certification errors" };

/** Claims ESFA refused, oldest first, with their age against the 7-day target; fix the cause on the record, then retry. */
export default async function CertificationErrorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("epao");
  const filters = parseCertificationErrorFilters(await searchParams);
  const q = filters.search;
  const ageOver = filters.ageOver === undefined ? undefined : String(filters.ageOver);
  const rows = await certificationErrors(actor, filters);
  const exportHref = `/api/certification/errors?${new URLSearchParams(Object.entries({ q: q ?? "", ageOver: ageOver ?? "" }).filter(([, v]) => v)).toString()}`;
  return (
    <>
      <PageHeading
        caption="Certification"
        title="Certification errors"
        description={`Claims ESFA could not accept. Fix the cause on the record (usually the family name as the ILR holds it, the ULN, the standard version or option, or the postal address), then retry: errors should be resolved within ${ERROR_TARGET_DAYS} days.`}
        actions={
          <ButtonLink href={exportHref} variant="secondary">
            Export CSV
          </ButtonLink>
        }
      />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4 border border-govuk-border bg-white p-4" aria-label="Filter errors">
        <TextField id="q" name="q" label="Name, ULN, employer or message" defaultValue={q ?? ""} groupClassName="mb-0" />
        <div>
          <label htmlFor="ageOver" className="mb-1 block font-bold">
            Age
          </label>
          <select id="ageOver" name="ageOver" defaultValue={ageOver ?? ""} className="block min-h-10 border-2 border-govuk-black bg-white px-2 py-1.5">
            <option value="">Any age</option>
            <option value={String(ERROR_TARGET_DAYS)}>Over the {ERROR_TARGET_DAYS}-day target</option>
            <option value="3">3 days or older</option>
          </select>
        </div>
        <button type="submit" className="min-h-10 bg-govuk-light-grey px-4 py-2 font-bold shadow-[0_2px_0_var(--color-govuk-button-shadow)]">
          Apply filters
        </button>
      </form>
      <QueueSection
        empty={<EmptyState title="No errors">{q || ageOver ? "No error matches these filters." : "Every claim so far has been accepted by ESFA."}</EmptyState>}
        caption={`${rows.length} ${rows.length === 1 ? "claim" : "claims"} in error, oldest first`}
        captionHidden={false}
        rows={rows}
        rowKey={(r) => r.apprenticeId}
        link={{ href: (r) => `/epao/apprentices/${r.apprenticeId}`, text: (r) => `${r.givenNames} ${r.familyName}`, detail: (r) => r.uln }}
        columns={[
          { key: "employer", header: "Employer", cell: (r) => r.employerName },
          { key: "message", header: "ESFA's message", cell: (r) => <span className="text-govuk-red">{r.message}</span> },
          {
            key: "age",
            header: "Age",
            cell: (r) => (
              <>
                {r.overTarget ? <Tag colour="red">{r.ageDays} days</Tag> : `${r.ageDays} ${r.ageDays === 1 ? "day" : "days"}`}
                <span className="block text-sm text-govuk-secondary">since {formatDateTime(r.firstErrorAt)}</span>
              </>
            ),
          },
          { key: "attempts", header: "Attempts", cell: (r) => r.attempts, numeric: true },
          { key: "claim", header: "Claim date", cell: (r) => formatDate(r.claimDate) },
          { key: "fix", header: "Fix", cell: (r) => <RequeueClaimButton apprenticeId={r.apprenticeId} label="Retry" /> },
        ]}
      />
    </>
  );
}
