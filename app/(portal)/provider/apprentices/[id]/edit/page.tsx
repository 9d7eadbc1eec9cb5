import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ApprenticeForm } from "@/components/apprentices/apprentice-form";
import { getApprentice } from "@/lib/apprentices/service";
import { or404 } from "@/lib/entry/page";
import { PageHeading } from "@/components/ui";
import { allowedChanges } from "@/lib/apprentices/rules";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Edit apprentice details" };

export default async function EditApprenticePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("provider");
  const { id } = await params;
  const { record, standard } = await or404(getApprentice(actor, id));
  const href = `/provider/apprentices/${id}`;
  if (!allowedChanges(record.status).edit) redirect(href);
  const { id: _id, version, ...rest } = record;
  return (
    <>
      <PageHeading caption={`${record.givenNames} ${record.familyName}`} title="Edit details" />
      <ApprenticeForm
        mode="edit"
        record={{ id, version, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === "string" || v === null)) }}
        standard={standard}
        cancelHref={href}
        recordBase="/provider/apprentices"
      />
    </>
  );
}
