import type { Metadata } from "next";
import { PageHeading, Panel, StatCard, StatCardGroup, SummaryList } from "@/components/ui";
import { RecentActivity } from "@/components/activity/recent-activity";
import { TeamPanel } from "@/components/organisation/team-panel";
import { requireArea } from "@/lib/session";
import { formatDate } from "@/lib/format";
import { leadProviderDashboard } from "@/lib/npq";

export const metadata: Metadata = { title: "Lead provider dashboard" };

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

type Counts = Awaited<ReturnType<typeof leadProviderDashboard>>["applications"];

/** The cards of each dashboard section, by the filter value each links to. */
const APPLICATION_CARDS = [
  ["pending", "Waiting for a decision"],
  ["accepted", "Accepted"],
  ["rejected", "Rejected"],
] as const;
const PARTICIPANT_CARDS = [
  ["active", "Active"],
  ["deferred", "Deferred"],
  ["withdrawn", "Withdrawn"],
] as const;

/** A card per count, each linking to the list filtered to it. */
function CountCards({ filteredHref, counts, cards }: { filteredHref: string; counts: Counts; cards: readonly (readonly [keyof Counts, string])[] }) {
  return (
    <StatCardGroup>
      {cards.map(([key, label]) => (
        <StatCard key={key} label={label} value={counts[key]} href={`${filteredHref}${key}`} />
      ))}
    </StatCardGroup>
  );
}

export default async function LeadProviderHome() {
  const actor = await requireArea("lead-provider");
  const data = await leadProviderDashboard(actor);
  const d = (state: string) => data.declarations[state] ?? 0;
  return (
    <>
      <PageHeading
        caption={actor.organisationName}
        title="Dashboard"
        description="National Professional Qualifications: applications, participants and declarations, as your systems see them through the API."
      />
      <h2 className="mb-3 text-2xl font-bold">Applications</h2>
      <CountCards filteredHref="/lead-provider/applications?status=" counts={data.applications} cards={APPLICATION_CARDS} />
      <h2 className="mt-8 mb-3 text-2xl font-bold">Participants</h2>
      <CountCards filteredHref="/lead-provider/participants?trainingStatus=" counts={data.applications} cards={PARTICIPANT_CARDS} />
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Panel title="Declarations">
          <SummaryList
            rows={[
              { key: "Submitted or eligible", value: d("submitted") + d("eligible") },
              { key: "Payable", value: d("payable") },
              { key: "Paid", value: d("paid") },
              { key: "Voided or ineligible", value: d("voided") + d("ineligible") },
              { key: "Awaiting clawback or clawed back", value: d("awaiting_clawback") + d("clawed_back") },
            ]}
          />
        </Panel>
        <Panel title="Next statement">
          {data.nextStatement ? (
            <SummaryList
              rows={[
                { key: "Statement", value: `${MONTHS[data.nextStatement.month - 1]} ${data.nextStatement.year} (cohort ${data.nextStatement.cohort})` },
                { key: "Deadline for declarations", value: formatDate(data.nextStatement.deadlineDate) },
                { key: "Payment date", value: formatDate(data.nextStatement.paymentDate) },
              ]}
            />
          ) : (
            <p>No open statement. New declarations cannot be paid until the DfE opens one.</p>
          )}
        </Panel>
        <TeamPanel actor={actor} />
        <RecentActivity actor={actor} />
      </div>
    </>
  );
}
