import type { Metadata } from "next";
import { ButtonLink, NotificationBanner, PageHeading } from "@/components/ui";
import { StandardsTable } from "@/components/standards/standards-table";
import { requireArea } from "@/lib/session";
import { listStandards } from "@/lib/standards";

export const metadata: Metadata = { title: "Standards" };

export default async function StandardsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const actor = await requireArea("admin");
  const [standards, { saved }] = await Promise.all([listStandards(actor), searchParams]);
  return (
    <>
      {saved ? (
        <NotificationBanner type="success" title="Success">
          <p>{saved} has been saved.</p>
        </NotificationBanner>
      ) : null}
      <PageHeading
        caption="Catalogue"
        title="Apprenticeship standards"
        description="Each standard's versions, overall grade scale and assessment components with their grade scales. Select a reference to edit it."
        actions={<ButtonLink href="/admin/standards/new">Add a standard</ButtonLink>}
      />
      <StandardsTable standards={standards} editHref={(id) => `/admin/standards/${id}`} />
    </>
  );
}
