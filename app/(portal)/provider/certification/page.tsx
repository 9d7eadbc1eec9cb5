import type { Metadata } from "next";
import { QueueSection } from "@/components/queues/queue-section";
import { EmptyState, PageHeading, Tag } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { providerCertification } from "@/lib/certification";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Certification" };

const LABELS = { queued: "Waiting to be claimed", in_flight: "Being claimed", claimed: "Claimed", error: "Error at ESFA", cancelled: "Cancelled" } as const;
const COLOURS = { queued: "yellow", in_flight: "purple", claimed: "green", error: "red", cancelled: "grey" } as const;

/** The provider's apprentices' certificates: claim date, state, ESFA reference and status, errors. */
export default async function ProviderCertificationPage() {
  const actor = await requireArea("provider");
  const rows = await providerCertification(actor);
  return (
    <>
      <PageHeading
        title="Certification"
        description="Certificates the EPAOs claim from ESFA for your apprentices. Each record's Assessment and grades page shows its claim date and countdown."
      />
      <QueueSection
        empty={<EmptyState title="No certificate claims yet">Claims appear here once an EPAO confirms an overall grade and its claim date comes.</EmptyState>}
        caption="Certificate claims"
        rows={rows}
        rowKey={(r) => r.apprenticeId}
        link={{ href: (r) => `/provider/apprentices/${r.apprenticeId}`, text: (r) => r.name }}
        columns={[
          { key: "standard", header: "Standard", cell: (r) => r.standard },
          { key: "date", header: "Claim date", cell: (r) => formatDate(r.claimDate) },
          { key: "state", header: "State", cell: (r) => <Tag colour={COLOURS[r.state]}>{LABELS[r.state]}</Tag> },
          {
            key: "ref",
            header: "Certificate",
            cell: (r) =>
              r.certificateReference
                ? `${r.certificateReference}${r.certificateStatus ? ` (${r.certificateStatus})` : ""}${r.claimedManually ? ", claimed by hand" : ""}`
                : "",
          },
          { key: "error", header: "Error", cell: (r) => (r.error ? <span className="text-govuk-red">{r.error}</span> : "") },
        ]}
      />
    </>
  );
}
