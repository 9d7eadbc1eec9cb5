import type { Metadata } from "next";
import Link from "next/link";
import { ApprenticeForm } from "@/components/apprentices/apprentice-form";
import { EmptyState, PageHeading, linkClass } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { linkedEpaosForProvider } from "@/lib/links";

export const metadata: Metadata = { title: "Add an apprentice" };

export default async function NewApprenticePage() {
  const actor = await requireArea("provider");
  const epaos = await linkedEpaosForProvider(actor);
  return (
    <>
      <PageHeading caption={actor.organisationName} title="Add an apprentice" />
      {epaos.length === 0 ? (
        <EmptyState title="You are not linked with any EPAO yet">
          <p>
            Records can only be sent to an EPAO you have an active link with, for the linked standards.{" "}
            <Link className={linkClass} href="/provider/epaos/new">
              Request a link with an EPAO
            </Link>
            .
          </p>
        </EmptyState>
      ) : (
        <ApprenticeForm mode="create" epaos={epaos} cancelHref="/provider/apprentices" recordBase="/provider/apprentices" />
      )}
    </>
  );
}
