import type { Metadata } from "next";
import { RequestLinkForm } from "@/components/links/request-link-form";
import { PageHeading } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { listEpaosForLinking } from "@/lib/links";

export const metadata: Metadata = { title: "Request a link with an EPAO" };

export default async function RequestLinkPage() {
  const actor = await requireArea("provider");
  const epaos = await listEpaosForLinking(actor);
  return (
    <>
      <PageHeading
        caption={actor.organisationName}
        title="Request a link with an EPAO"
        description="Choose the end-point assessment organisation, then the standards you want it to assess for you. The EPAO accepts or declines your request."
      />
      <RequestLinkForm
        epaos={epaos.map((e) => ({
          id: e.id,
          name: e.name,
          code: e.code,
          standards: e.standards,
          openLink: e.openLink ? { status: e.openLink.status } : null,
        }))}
      />
    </>
  );
}
