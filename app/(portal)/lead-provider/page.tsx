import type { Metadata } from "next";
import { PageHeading } from "@/components/ui";
import { RecentActivity } from "@/components/activity/recent-activity";
import { TeamPanel } from "@/components/organisation/team-panel";
import { requireArea } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Lead provider dashboard" };

export default async function LeadProviderHome() {
  const actor = await requireArea("lead-provider");
  return (
    <>
      <PageHeading caption={actor.organisationName} title="Dashboard" />
      <div className="grid gap-6 lg:grid-cols-2">
        <TeamPanel actor={actor} />
        <RecentActivity actor={actor} />
      </div>
    </>
  );
}
