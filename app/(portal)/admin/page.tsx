import type { Metadata } from "next";
import { PageHeading, StatCard, StatCardGroup } from "@/components/ui";
import { RecentActivity } from "@/components/activity/recent-activity";
import { requireArea } from "@/lib/session";
import { listOrganisations } from "@/lib/organisations";
import { listStandards } from "@/lib/standards";

export const metadata: Metadata = { title: "Platform overview" };

export default async function AdminHome() {
  const actor = await requireArea("admin");
  const [orgs, standards] = await Promise.all([listOrganisations(actor), listStandards(actor)]);
  const byType = (type: string) => orgs.filter((o) => o.type === type).length;
  return (
    <>
      <PageHeading caption={actor.organisationName} title="Platform overview" />
      <StatCardGroup>
        <StatCard label="EPAOs" value={byType("epao")} href="/admin/organisations" />
        <StatCard label="Training providers" value={byType("training_provider")} href="/admin/organisations" />
        <StatCard label="Lead providers" value={byType("lead_provider")} href="/admin/organisations" />
        <StatCard label="Users" value={orgs.reduce((n, o) => n + o.users, 0)} />
        <StatCard label="Standards" value={standards.length} href="/admin/standards" />
      </StatCardGroup>
      <div className="mt-8">
        <RecentActivity actor={actor} />
      </div>
    </>
  );
}
