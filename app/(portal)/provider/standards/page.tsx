import type { Metadata } from "next";
import { PageHeading } from "@/components/ui";
import { StandardsTable } from "@/components/standards/standards-table";
import { requireArea } from "@/lib/session";
import { listStandards } from "@/lib/standards";

export const metadata: Metadata = { title: "Standards" };

export default async function StandardsPage() {
  const actor = await requireArea("provider");
  const standards = await listStandards(actor);
  return (
    <>
      <PageHeading
        caption="Catalogue"
        title="Apprenticeship standards"
        description="Each standard's versions, overall grade scale and assessment components with their grade scales."
      />
      <StandardsTable standards={standards} />
    </>
  );
}
