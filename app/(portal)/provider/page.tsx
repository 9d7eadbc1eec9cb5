import type { Metadata } from "next";
import { PageHeading, StatCard, StatCardGroup } from "@/components/ui";
import { RecentActivity } from "@/components/activity/recent-activity";
import { TeamPanel } from "@/components/organisation/team-panel";
import { requireArea } from "@/lib/auth/session";
import { listStandards } from "@/lib/standards/service";

export const metadata: Metadata = { title: "Provider dashboard" };

export default async function ProviderHome() {
  const actor = await requireArea("provider");
  const standards = await listStandards(actor);
  return (
    <>
      <PageHeading caption={actor.organisationName} title="Dashboard" />
      <StatCardGroup>
        <StatCard label="Standards in the catalogue" value={standards.length} href="/provider/standards" />
      </StatCardGroup>
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <TeamPanel actor={actor} />
        <RecentActivity actor={actor} />
      </div>
    </>
  );
}
