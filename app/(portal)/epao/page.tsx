import type { Metadata } from "next";
import { PageHeading, StatCard, StatCardGroup } from "@/components/ui";
import { RecentActivity } from "@/components/activity/recent-activity";
import { TeamPanel } from "@/components/organisation/team-panel";
import { requireArea } from "@/lib/auth/session";
import { teamSummary } from "@/lib/organisations/service";
import { listStandards } from "@/lib/standards/service";

export const metadata: Metadata = { title: "EPAO dashboard" };

export default async function EpaoHome() {
  const actor = await requireArea("epao");
  const [team, standards] = await Promise.all([teamSummary(actor), listStandards(actor)]);
  const assessors = team.find((t) => t.role === "assessor")?.active ?? 0;
  return (
    <>
      <PageHeading caption={actor.organisationName} title="Dashboard" />
      <StatCardGroup>
        <StatCard label="Active assessors" value={assessors} />
        <StatCard label="Standards in the catalogue" value={standards.length} href="/epao/standards" />
      </StatCardGroup>
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <TeamPanel actor={actor} />
        <RecentActivity actor={actor} />
      </div>
    </>
  );
}
